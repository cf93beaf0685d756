import type { Repositories, TransactionRunner } from "@regscan/core";
import type { LibsqlExecutor, RegscanDatabase } from "./database.js";
import { toDomainDatabaseError } from "./database-errors.js";
import { createLibsqlAuditLog } from "./libsql-audit-log.js";
import { createLibsqlCredentialRepository } from "./libsql-credential-repository.js";
import { createLibsqlOrgRepository } from "./libsql-org-repository.js";
import { createLibsqlTokenRepository } from "./libsql-token-repository.js";
import { type WriteLock, writeLockOf } from "./write-lock.js";

/** The libSQL repositories and the transaction runner over them. */
export type LibsqlStore = Repositories & TransactionRunner;

function repositoriesOver(db: LibsqlExecutor): Repositories {
  return {
    orgs: createLibsqlOrgRepository(db),
    tokens: createLibsqlTokenRepository(db),
    credentials: createLibsqlCredentialRepository(db),
    audit: createLibsqlAuditLog(db),
  };
}

/** `repo` with its `writes` methods queued behind the write lock (reads run at once). */
function queueWrites<R extends object>(repo: R, writes: readonly (keyof R)[], lock: WriteLock): R {
  const out = { ...repo };
  for (const name of writes) {
    const method = repo[name];
    if (typeof method !== "function") throw new TypeError(`queueWrites: ${String(name)} is not a method`);
    out[name] = ((...args: unknown[]) => lock.run(() => method.apply(repo, args))) as R[keyof R];
  }
  return out;
}

/**
 * {@link TransactionRunner} over libSQL with drizzle's interactive transactions (`BEGIN IMMEDIATE`
 * on a `file:` database, a Hrana stream over HTTP to Turso), plus the repositories outside
 * transactions. Every write of this process, in a transaction or not, goes through one write lock
 * per client (see write-lock.ts); reads never wait for it. Errors thrown by `work` propagate
 * unchanged after the rollback; failures to begin or commit become domain errors.
 */
export function createLibsqlStore(db: RegscanDatabase): LibsqlStore {
  const lock = writeLockOf(db.$client);
  const direct = repositoriesOver(db);
  return {
    orgs: queueWrites(direct.orgs, ["createOrg", "setFeatures", "createProject"], lock),
    tokens: queueWrites(direct.tokens, ["create", "putGrant", "delete"], lock),
    credentials: queueWrites(direct.credentials, ["create", "updateSecret", "updateStatus", "delete"], lock),
    audit: queueWrites(direct.audit, ["append"], lock),
    transaction(work) {
      return lock.run(async () => {
        let failed: { error: unknown } | undefined;
        try {
          return await db.transaction(async (tx) => {
            try {
              return await work(repositoriesOver(tx));
            } catch (error) {
              failed = { error };
              throw error;
            }
          });
        } catch (error) {
          if (failed && failed.error === error) throw error;
          throw toDomainDatabaseError(error);
        }
      });
    },
  };
}
