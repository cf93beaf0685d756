import type { CoreDeps } from "../deps.js";
import {
  ORG_PERMISSIONS,
  type OrgPermission,
  PROJECT_PERMISSIONS,
  type Principal,
  type ProjectPermission,
} from "../model/principal.js";

/** What `GET /v1/me` returns. */
export interface MeView {
  principal: { id: string; name: string };
  organizations: { id: string; name: string; permissions: OrgPermission[] }[];
  projects: { id: string; orgId: string; name: string; permissions: ProjectPermission[] }[];
}

/**
 * The caller and what it may do. An owner gets every org permission and every project of the
 * org with every project permission; grants on deleted orgs/projects are skipped. One repository
 * call (one query) whatever the number of grants.
 */
export async function getMe(deps: CoreDeps, principal: Principal): Promise<MeView> {
  const me: MeView = { principal: { id: principal.id, name: principal.name }, organizations: [], projects: [] };
  const grants = new Map(principal.grants.map((g) => [g.orgId, g]));
  for (const { org, projects } of await deps.orgs.listOrgsWithProjects([...grants.keys()])) {
    const grant = grants.get(org.id);
    if (!grant) continue;
    me.organizations.push({
      id: org.id,
      name: org.name,
      permissions: grant.owner ? [...ORG_PERMISSIONS] : [...grant.permissions],
    });
    for (const project of projects) {
      const permissions = grant.owner ? [...PROJECT_PERMISSIONS] : [...(grant.projects[project.id] ?? [])];
      if (permissions.length === 0) continue;
      me.projects.push({ id: project.id, orgId: project.orgId, name: project.name, permissions });
    }
  }
  return me;
}
