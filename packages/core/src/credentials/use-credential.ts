import { recordAudit } from "../audit/record-audit.js";
import type { CoreDeps } from "../deps.js";
import type { UsableCredential } from "../model/credential.js";
import type { Principal } from "../model/principal.js";
import { loadProject } from "../orgs/projects.js";
import { credentialNotFound } from "./credential-errors.js";
import { toPublicCredential } from "./to-public-credential.js";

/**
 * Decrypts a credential for use from a project, e.g. to browse its registry (project `read`) or,
 * with `action: "scan.start"`, to pull an image for a scan (project `start_scan`). Audited as
 * `credential.use` with `{purpose, projectId}`. The result goes to the registry adapter only.
 */
export async function useCredential(
  deps: CoreDeps,
  principal: Principal,
  projectId: string,
  credentialId: string,
  purpose: string,
  options: { action?: "registry.browse" | "scan.start" } = {},
): Promise<UsableCredential> {
  const project = await loadProject(deps, principal, projectId, options.action ?? "registry.browse");
  const stored = await deps.credentials.get(project.orgId, credentialId);
  if (!stored) throw credentialNotFound();
  const secretKey = await deps.cipher.decrypt(stored.encryptedSecret, { orgId: project.orgId, credentialId });
  await recordAudit(deps, {
    orgId: project.orgId,
    actorId: principal.id,
    action: "credential.use",
    targetType: "credential",
    targetId: credentialId,
    metadata: { purpose, projectId },
  });
  return { ...toPublicCredential(stored), secretKey };
}
