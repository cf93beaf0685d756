import type { CoreDeps } from "../deps.js";
import { isDomainError } from "../errors/domain-error.js";

/** What {@link checkStoredSecrets} found. */
export interface StoredSecretsReport {
  /** Credentials looked at. */
  scanned: number;
  /** Sealed with an older key that is still configured: readable, re-encrypt them (`POST /v1/admin/reencrypt`). */
  onPreviousKeys: number;
  /** Sealed with a key this server does not have, or damaged: every use of them fails. */
  undecryptable: number;
  /** The key ids that sealed the undecryptable secrets (`malformed` rows name none), sorted. */
  undecryptableKeyIds: string[];
}

/**
 * Checks once (at start) that the configured master keys open the stored secrets, so a wrong
 * `REGSCAN_MASTER_KEY` is reported up front instead of on the first use. Secrets sealed with the
 * active key are not decrypted (they need no key the server lacks); the others are, to tell a key
 * still configured from one that is missing. Reads in batches; writes nothing.
 */
export async function checkStoredSecrets(
  deps: Pick<CoreDeps, "credentials" | "cipher">,
  options: { batchSize?: number } = {},
): Promise<StoredSecretsReport> {
  const batchSize = Math.max(1, Math.min(options.batchSize ?? 500, 1000));
  const report: StoredSecretsReport = { scanned: 0, onPreviousKeys: 0, undecryptable: 0, undecryptableKeyIds: [] };
  const keyIds = new Set<string>();
  let afterId: string | null = null;
  for (;;) {
    const batch = await deps.credentials.listAfter(afterId, batchSize);
    for (const row of batch) {
      report.scanned++;
      if (!deps.cipher.needsReencryption(row.encryptedSecret)) continue;
      try {
        await deps.cipher.decrypt(row.encryptedSecret, { orgId: row.orgId, credentialId: row.id });
        report.onPreviousKeys++;
      } catch (e) {
        if (!isDomainError(e) || e.code !== "secret_undecryptable") throw e;
        report.undecryptable++;
        const keyId = e.details?.keyId;
        if (typeof keyId === "string") keyIds.add(keyId);
      }
    }
    if (batch.length < batchSize) break;
    afterId = batch[batch.length - 1]?.id ?? null;
  }
  report.undecryptableKeyIds = [...keyIds].sort();
  return report;
}
