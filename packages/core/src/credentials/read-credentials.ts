import type { CoreDeps } from "../deps.js";
import type { RegistryCredential } from "../model/credential.js";
import type { Principal } from "../model/principal.js";
import { loadProject } from "../orgs/projects.js";
import { requireAllowed } from "../policy/require-allowed.js";
import { credentialNotFound } from "./credential-errors.js";
import { toPublicCredential } from "./to-public-credential.js";

/** The organization's credentials, oldest first (`manage_integration`). */
export async function listOrgCredentials(
  deps: CoreDeps,
  principal: Principal,
  orgId: string,
): Promise<RegistryCredential[]> {
  requireAllowed(principal, "credential.list_org", { orgId });
  return (await deps.credentials.listByOrg(orgId)).map(toPublicCredential);
}

/** One credential of the organization (`manage_integration`). */
export async function getOrgCredential(
  deps: CoreDeps,
  principal: Principal,
  orgId: string,
  credentialId: string,
): Promise<RegistryCredential> {
  requireAllowed(principal, "credential.list_org", { orgId });
  const stored = await deps.credentials.get(orgId, credentialId);
  if (!stored) throw credentialNotFound();
  return toPublicCredential(stored);
}

/** The credentials a project can use: those of its organization (project `read`). */
export async function listProjectCredentials(
  deps: CoreDeps,
  principal: Principal,
  projectId: string,
): Promise<RegistryCredential[]> {
  const project = await loadProject(deps, principal, projectId, "credential.view");
  return (await deps.credentials.listByOrg(project.orgId)).map(toPublicCredential);
}

/** One credential as seen from a project (project `read`). */
export async function getProjectCredential(
  deps: CoreDeps,
  principal: Principal,
  projectId: string,
  credentialId: string,
): Promise<RegistryCredential> {
  const project = await loadProject(deps, principal, projectId, "credential.view");
  const stored = await deps.credentials.get(project.orgId, credentialId);
  if (!stored) throw credentialNotFound();
  return toPublicCredential(stored);
}
