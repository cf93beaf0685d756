import { DomainError } from "../errors/domain-error.js";
import type { Organization, Project } from "../model/organization.js";
import type { OrgRepository } from "../ports/repositories.js";

/** What an in-memory OrgRepository holds (cloned by the in-memory transaction runner). */
export interface MemoryOrgState {
  orgs: Map<string, Organization>;
  projects: Map<string, Project>;
}

export function emptyOrgState(): MemoryOrgState {
  return { orgs: new Map(), projects: new Map() };
}

const oldestFirst = <T extends { id: string; createdAt: Date }>(a: T, b: T) =>
  a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * In-memory OrgRepository for tests (returns copies, like a database would). `state` gives the
 * current state on every call, so a transaction runner can swap in a draft.
 */
export function createMemoryOrgRepository(state: () => MemoryOrgState = constant(emptyOrgState())): OrgRepository {
  const listProjects = (orgId: string) =>
    [...state().projects.values()]
      .filter((p) => p.orgId === orgId)
      .sort(oldestFirst)
      .map((p) => structuredClone(p));
  return {
    async createOrg(org) {
      if (state().orgs.has(org.id))
        throw new DomainError("conflict", `An organization with id ${org.id} already exists.`);
      state().orgs.set(org.id, structuredClone(org));
    },
    async getOrg(orgId) {
      const org = state().orgs.get(orgId);
      return org ? structuredClone(org) : null;
    },
    async countOrgs() {
      return state().orgs.size;
    },
    async firstOrg() {
      const first = [...state().orgs.values()].sort(oldestFirst)[0];
      return first ? structuredClone(first) : null;
    },
    async listOrgsWithProjects(orgIds) {
      return [...new Set(orgIds)].flatMap((orgId) => {
        const org = state().orgs.get(orgId);
        return org ? [{ org: structuredClone(org), projects: listProjects(orgId) }] : [];
      });
    },
    async setFeatures(orgId, features) {
      const org = state().orgs.get(orgId);
      if (org) org.features = [...features];
    },
    async createProject(project) {
      const { projects } = state();
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
      const p = state().projects.get(projectId);
      return p ? structuredClone(p) : null;
    },
    async listProjects(orgId) {
      return listProjects(orgId);
    },
  };
}

/** A state getter that always returns `value`. */
export function constant<T>(value: T): () => T {
  return () => value;
}
