import { recordAudit } from "../audit/record-audit.js";
import { type CoreDeps, withTransaction } from "../deps.js";
import { DomainError } from "../errors/domain-error.js";
import type { RegistryCredential, StoredCredential } from "../model/credential.js";
import type { Principal } from "../model/principal.js";
import { requireAllowed } from "../policy/require-allowed.js";
import { toPublicCredential } from "./to-public-credential.js";
import { validateCredentialInput } from "./validate-credential-input.js";

/** Options of credential writes: `verify` checks the key against the registry first. */
export interface VerifyOption {
  verify: boolean;
}

/**
 * Stores a registry credential for the organization (`manage_integration`), its secret encrypted
 * and bound to (orgId, credentialId). With `verify` and a registry gateway, the key is checked
 * BEFORE anything is stored: on failure nothing is stored and the DomainError propagates.
 */
export async function createCredential(
  deps: CoreDeps,
  principal: Principal,
  orgId: string,
  input: unknown,
  options: VerifyOption,
): Promise<RegistryCredential> {
  requireAllowed(principal, "credential.create", { orgId });
  const { secretKey, ...fields } = validateCredentialInput(input);
  if (!(await deps.orgs.getOrg(orgId))) throw new DomainError("not_found", "The organization does not exist.");
  const now = deps.clock.now();
  const base: RegistryCredential = {
    id: deps.ids.next(),
    orgId,
    ...fields,
    status: "unverified",
    createdAt: now,
    createdBy: principal.id,
    updatedAt: now,
    lastVerifiedAt: null,
  };
  const verified = options.verify && deps.registry !== undefined;
  if (verified) await deps.registry?.verify({ ...base, secretKey });
  const stored: StoredCredential = {
    ...base,
    ...(verified ? { status: "active" as const, lastVerifiedAt: now } : {}),
    encryptedSecret: await deps.cipher.encrypt(secretKey, { orgId, credentialId: base.id }),
  };
  await withTransaction(deps, async (tx) => {
    await tx.credentials.create(stored);
    await recordAudit(tx, {
      orgId,
      actorId: principal.id,
      action: "credential.create",
      targetType: "credential",
      targetId: stored.id,
      metadata: { region: stored.region, namespace: stored.namespace, verified },
    });
  });
  return toPublicCredential(stored);
}
