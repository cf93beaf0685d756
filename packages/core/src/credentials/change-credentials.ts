import { recordAudit } from "../audit/record-audit.js";
import { type CoreDeps, withTransaction } from "../deps.js";
import { DomainError, isDomainError } from "../errors/domain-error.js";
import type { RegistryCredential } from "../model/credential.js";
import type { Principal } from "../model/principal.js";
import { requireAllowed } from "../policy/require-allowed.js";
import type { VerifyOption } from "./create-credential.js";
import { CREDENTIAL_FAULT_CODES, credentialNotFound } from "./credential-errors.js";
import { toPublicCredential } from "./to-public-credential.js";
import { validateSecretRotation } from "./validate-credential-input.js";

/**
 * Replaces the secret key (`manage_integration`). With `verify` and a registry gateway the new key
 * is checked first (failure: nothing changes, the error propagates) and the credential becomes
 * `active`; otherwise it becomes `unverified`.
 */
export async function rotateCredentialSecret(
  deps: CoreDeps,
  principal: Principal,
  orgId: string,
  credentialId: string,
  input: unknown,
  options: VerifyOption,
): Promise<RegistryCredential> {
  requireAllowed(principal, "credential.rotate", { orgId });
  const { secretKey } = validateSecretRotation(input);
  const stored = await deps.credentials.get(orgId, credentialId);
  if (!stored) throw credentialNotFound();
  const verified = options.verify && deps.registry !== undefined;
  if (verified) await deps.registry?.verify({ ...toPublicCredential(stored), secretKey });
  const now = deps.clock.now();
  const envelope = await deps.cipher.encrypt(secretKey, { orgId, credentialId });
  const status = verified
    ? { status: "active" as const, lastVerifiedAt: now }
    : { status: "unverified" as const, lastVerifiedAt: null };
  // The secret, its status and the audit entry commit together.
  await withTransaction(deps, async (tx) => {
    if (!(await tx.credentials.updateSecret(orgId, credentialId, envelope, now))) throw credentialNotFound();
    await tx.credentials.updateStatus(orgId, credentialId, { ...status, updatedAt: now });
    await recordAudit(tx, {
      orgId,
      actorId: principal.id,
      action: "credential.rotate",
      targetType: "credential",
      targetId: credentialId,
      metadata: { verified },
    });
  });
  return toPublicCredential({ ...stored, ...status, updatedAt: now });
}

/** Deletes a credential (`manage_integration`). */
export async function deleteCredential(
  deps: CoreDeps,
  principal: Principal,
  orgId: string,
  credentialId: string,
): Promise<void> {
  requireAllowed(principal, "credential.delete", { orgId });
  await withTransaction(deps, async (tx) => {
    if (!(await tx.credentials.delete(orgId, credentialId))) throw credentialNotFound();
    await recordAudit(tx, {
      orgId,
      actorId: principal.id,
      action: "credential.delete",
      targetType: "credential",
      targetId: credentialId,
    });
  });
}

/**
 * Re-checks the stored key against the registry (`manage_integration`). Success: `active` and
 * `lastVerifiedAt` now. A failure that faults the key (revoked, no registry permission, wrong
 * project, missing namespace) sets `invalid`; every failure is rethrown. Transient failures
 * (rate limits, upstream down) leave the status unchanged.
 */
export async function verifyCredential(
  deps: CoreDeps,
  principal: Principal,
  orgId: string,
  credentialId: string,
): Promise<RegistryCredential> {
  requireAllowed(principal, "credential.verify", { orgId });
  const stored = await deps.credentials.get(orgId, credentialId);
  if (!stored) throw credentialNotFound();
  // Decrypt first: a stored secret that cannot be read is the more useful error.
  const secretKey = await deps.cipher.decrypt(stored.encryptedSecret, { orgId, credentialId });
  if (!deps.registry) {
    throw new DomainError(
      "upstream_unavailable",
      "No registry gateway is configured, so credentials cannot be verified.",
    );
  }
  const now = deps.clock.now();
  const audit = {
    orgId,
    actorId: principal.id,
    action: "credential.verify",
    targetType: "credential",
    targetId: credentialId,
  } as const;
  try {
    await deps.registry.verify({ ...toPublicCredential(stored), secretKey });
  } catch (e) {
    const code = isDomainError(e) ? e.code : "internal";
    await withTransaction(deps, async (tx) => {
      if (CREDENTIAL_FAULT_CODES.includes(code)) {
        await tx.credentials.updateStatus(orgId, credentialId, {
          status: "invalid",
          lastVerifiedAt: stored.lastVerifiedAt,
          updatedAt: now,
        });
      }
      await recordAudit(tx, { ...audit, metadata: { outcome: code } });
    });
    throw e;
  }
  await withTransaction(deps, async (tx) => {
    await tx.credentials.updateStatus(orgId, credentialId, { status: "active", lastVerifiedAt: now, updatedAt: now });
    await recordAudit(tx, { ...audit, metadata: { outcome: "ok" } });
  });
  return toPublicCredential({ ...stored, status: "active", lastVerifiedAt: now, updatedAt: now });
}
