import { recordAudit } from "../audit/record-audit.js";
import { type CoreDeps, withTransaction } from "../deps.js";
import { DomainError } from "../errors/domain-error.js";
import type { Project } from "../model/organization.js";
import type { Principal } from "../model/principal.js";
import type { ProjectAction } from "../policy/authorize.js";
import { requireAllowed } from "../policy/require-allowed.js";
import { namedInputSchema } from "../validation/common-schemas.js";
import { parseInput } from "../validation/parse-input.js";

/** Creates a project in the organization (`manage_members`). Duplicate names are a `conflict`. */
export async function createProject(
  deps: CoreDeps,
  principal: Principal,
  orgId: string,
  input: unknown,
): Promise<Project> {
  requireAllowed(principal, "project.create", { orgId });
  const { name } = parseInput(namedInputSchema, input, "The project");
  const project: Project = { id: deps.ids.next(), orgId, name, createdAt: deps.clock.now() };
  await withTransaction(deps, async (tx) => {
    if (!(await tx.orgs.getOrg(orgId))) throw new DomainError("not_found", "The organization does not exist.");
    await tx.orgs.createProject(project);
    await recordAudit(tx, {
      orgId,
      actorId: principal.id,
      action: "project.create",
      targetType: "project",
      targetId: project.id,
    });
  });
  return project;
}

/** Every project of the organization, oldest first (any grant in the org). */
export async function listProjects(deps: CoreDeps, principal: Principal, orgId: string): Promise<Project[]> {
  requireAllowed(principal, "org.projects.list", { orgId });
  return deps.orgs.listProjects(orgId);
}

/**
 * Loads a project and checks `action` on it. An unknown project and a project of an org the
 * principal cannot see are both `not_found`.
 */
export async function loadProject(
  deps: Pick<CoreDeps, "orgs">,
  principal: Principal,
  projectId: string,
  action: ProjectAction,
): Promise<Project> {
  const project = await deps.orgs.getProject(projectId);
  if (!project) throw new DomainError("not_found", "The project does not exist or you have no access to it.");
  requireAllowed(principal, action, { orgId: project.orgId, projectId });
  return project;
}

/** One project (project `read`). */
export async function getProject(deps: CoreDeps, principal: Principal, projectId: string): Promise<Project> {
  return loadProject(deps, principal, projectId, "project.view");
}
