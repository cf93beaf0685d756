import { DomainError } from "../errors/domain-error.js";
import type { Organization, Project } from "../model/organization.js";
import type { OrgRepository } from "../ports/repositories.js";

/** In-memory OrgRepository for tests (returns copies, like a database would). */
export function createMemoryOrgRepository(): OrgRepository {
  const orgs = new Map<string, Organization>();
  const projects = new Map<string, Project>();
  return {
    async createOrg(org) {
      if (orgs.has(org.id)) throw new DomainError("conflict", `An organization with id ${org.id} already exists.`);
      orgs.set(org.id, structuredClone(org));
    },
    async getOrg(orgId) {
      const org = orgs.get(orgId);
      return org ? structuredClone(org) : null;
    },
    async countOrgs() {
      return orgs.size;
    },
    async setFeatures(orgId, features) {
      const org = orgs.get(orgId);
      if (org) org.features = [...features];
    },
    async createProject(project) {
      if (projects.has(project.id))
        throw new DomainError("conflict", `A project with id ${project.id} already exists.`);
      for (const p of projects.values()) {
        if (p.orgId === project.orgId && p.name === project.name) {
          throw new DomainError("conflict", `The organization already has a project named "${project.name}".`);
        }
      }
      projects.set(project.id, structuredClone(project));
    },
    async getProject(projectId) {
      const p = projects.get(projectId);
      return p ? structuredClone(p) : null;
    },
    async listProjects(orgId) {
      return [...projects.values()]
        .filter((p) => p.orgId === orgId)
        .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
        .map((p) => structuredClone(p));
    },
  };
}
