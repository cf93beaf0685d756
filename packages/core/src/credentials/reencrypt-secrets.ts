import { recordAudit } from "../audit/record-audit.js";
import { type CoreDeps, withTransaction } from "../deps.js";
import { type ErrorCode, isDomainError } from "../errors/domain-error.js";
import type { StoredCredential } from "../model/credential.js";
import type { Principal } from "../model/principal.js";
import { requireAllowed } from "../policy/require-allowed.js";

/** Outcome of one re-encryption run. */
export interface ReencryptResult {
  /** Rows looked at. */
  scanned: number;
  /** Rows moved to the active key in this run. */
  reencrypted: number;
  /** Rows that could not be decrypted or written (left untouched). */
  failed: { credentialId: string; code: ErrorCode }[];
}

/** `batchSize` rows per `listAfter` call (default 100); `principal`: see {@link reencryptSecrets}. */
export interface ReencryptOptions {
  batchSize?: number;
  principal?: Principal;
}

/**
 * Re-encrypts every stored secret that is not sealed with the active key, in batches ordered by
 * credential id. Each batch is decrypted and re-sealed first, then written in one transaction with
 * one `credential.reencrypt` audit entry per organization of the batch that had rows re-encrypted
 * or failing, so a run that stops half-way loses nothing and the next run finishes the job (rows
 * already on the active key are skipped).
 * Called with a principal (`reencryptSecrets(deps, principal, {batchSize})`, from the API), it must
 * be an instance admin (`admin.reencrypt`) and is recorded as the actor; without one (CLI, start-up
 * job) the actor is `system`.
 */
export async function reencryptSecrets(deps: CoreDeps, options?: ReencryptOptions): Promise<ReencryptResult>;
export async function reencryptSecrets(
  deps: CoreDeps,
  principal: Principal,
  options?: ReencryptOptions,
): Promise<ReencryptResult>;
export async function reencryptSecrets(
  deps: CoreDeps,
  principalOrOptions?: Principal | ReencryptOptions,
  maybeOptions?: ReencryptOptions,
): Promise<ReencryptResult> {
  const fromPrincipal = principalOrOptions !== undefined && "grants" in principalOrOptions;
  const options: ReencryptOptions = fromPrincipal
    ? { ...maybeOptions, principal: principalOrOptions }
    : { ...(principalOrOptions as ReencryptOptions | undefined) };
  if (options.principal) requireAllowed(options.principal, "admin.reencrypt");
  const batchSize = Math.max(1, Math.min(options.batchSize ?? 100, 1000));
  const result: ReencryptResult = { scanned: 0, reencrypted: 0, failed: [] };
  let afterId: string | null = null;
  for (;;) {
    const batch = await deps.credentials.listAfter(afterId, batchSize);
    const perOrg = new Map<string, { reencrypted: number; failed: number }>();
    const tally = (orgId: string, key: "reencrypted" | "failed") => {
      const counts = perOrg.get(orgId) ?? { reencrypted: 0, failed: 0 };
      counts[key]++;
      perOrg.set(orgId, counts);
    };
    const updates: { row: StoredCredential; envelope: string }[] = [];
    for (const row of batch) {
      result.scanned++;
      if (!deps.cipher.needsReencryption(row.encryptedSecret)) continue;
      const binding = { orgId: row.orgId, credentialId: row.id };
      try {
        const plaintext = await deps.cipher.decrypt(row.encryptedSecret, binding);
        updates.push({ row, envelope: await deps.cipher.encrypt(plaintext, binding) });
      } catch (e) {
        if (!isDomainError(e)) throw e;
        result.failed.push({ credentialId: row.id, code: e.code });
        tally(row.orgId, "failed");
      }
    }
    if (updates.length > 0 || perOrg.size > 0) {
      result.reencrypted += await withTransaction(deps, async (tx) => {
        let written = 0;
        for (const { row, envelope } of updates) {
          // Compare-and-set: a secret rotated since this batch was read is already on the active key.
          if (await tx.credentials.updateSecret(row.orgId, row.id, envelope, tx.clock.now(), row.encryptedSecret)) {
            written++;
            tally(row.orgId, "reencrypted");
          }
        }
        for (const [orgId, counts] of perOrg) {
          await recordAudit(tx, {
            orgId,
            actorId: options.principal?.id ?? "system",
            action: "credential.reencrypt",
            targetType: "organization",
            targetId: orgId,
            metadata: counts,
          });
        }
        return written;
      });
    }
    if (batch.length < batchSize) break;
    afterId = batch[batch.length - 1]?.id ?? null;
  }
  return result;
}
