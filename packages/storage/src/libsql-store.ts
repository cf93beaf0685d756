import type { Repositories, TransactionRunner } from "@regscan/core";
import { retryWhileBusy } from "./busy-retry.js";
import type { LibsqlExecutor, RegscanDatabase } from "./database.js";
import { toDomainDatabaseError } from "./database-errors.js";
import { createLibsqlAuditLog } from "./libsql-audit-log.js";
import { createLibsqlCredentialRepository } from "./libsql-credential-repository.js";
import { createLibsqlIdempotencyRepository } from "./libsql-idempotency-repository.js";
import { createLibsqlInventoryRepository } from "./libsql-inventory-repository.js";
import { createLibsqlOrgRepository } from "./libsql-org-repository.js";
import { createLibsqlScanRepository } from "./libsql-scan-repository.js";
import { createLibsqlTokenRepository } from "./libsql-token-repository.js";
import { writeLockOf } from "./write-lock.js";

/** The libSQL repositories and the transaction runner over them. */
export type LibsqlStore = Repositories & TransactionRunner;

function repositoriesOver(db: LibsqlExecutor): Repositories {
  return {
    orgs: createLibsqlOrgRepository(db),
    tokens: createLibsqlTokenRepository(db),
    credentials: createLibsqlCredentialRepository(db),
    audit: createLibsqlAuditLog(db),
    scans: createLibsqlScanRepository(db),
    inventories: createLibsqlInventoryRepository(db),
    idempotency: createLibsqlIdempotencyRepository(db),
  };
}

/** The write methods of each repository (they run on the write connection, behind the write lock). */
const WRITES = {
  orgs: ["createOrg", "setFeatures", "createProject"],
  tokens: ["create", "putGrant", "delete"],
  credentials: ["create", "updateSecret", "updateStatus", "delete"],
  audit: ["append"],
  scans: ["create", "claimNext", "claim", "heartbeat", "finish", "requestCancel"],
  inventories: ["put"],
  idempotency: ["remember"],
} as const satisfies { [K in keyof Repositories]: readonly (keyof Repositories[K])[] };

/** `reader` with its `writes` methods taken from `writer` and run through `write`. */
function withWrites<R extends object>(
  reader: R,
  writer: R,
  writes: readonly (keyof R)[],
  write: <T>(task: () => Promise<T>) => Promise<T>,
): R {
  const out = { ...reader };
  for (const name of writes) {
    const method = writer[name];
    if (typeof method !== "function") throw new TypeError(`withWrites: ${String(name)} is not a method`);
    out[name] = ((...args: unknown[]) => write(() => method.apply(writer, args))) as R[keyof R];
  }
  return out;
}

/**
 * How writes that do not go through the store's repositories (the advisory import and refresh of
 * the API's own process) run: one at a time behind the same write lock as the store's writes on
 * that client, waiting out other processes' locks with timers. Give it the store's `writeDb`.
 */
export function serializedWriter(
  writeDb: RegscanDatabase,
  options: { busyTimeoutMs?: number; separateWriteClient?: boolean } = {},
): <T>(task: () => Promise<T>) => Promise<T> {
  const lock = writeLockOf(writeDb.$client);
  const reconnect = options.separateWriteClient && writeDb.$client.protocol === "file" ? writeDb.$client : undefined;
  const timeoutMs = options.busyTimeoutMs ?? 0;
  return (task) => lock.run(() => retryWhileBusy(task, { timeoutMs, ...(reconnect ? { reconnect } : {}) }));
}

/**
 * {@link TransactionRunner} over libSQL with drizzle's interactive transactions (`BEGIN IMMEDIATE`
 * on a `file:` database, a Hrana stream over HTTP to Turso), plus the repositories outside
 * transactions. Reads run on `db`; every write, in a transaction or not, runs on `writeDb` behind
 * one write lock per client (see write-lock.ts). Errors thrown by `work` propagate unchanged after
 * the rollback; failures to begin or commit become domain errors.
 *
 * A write that finds the database locked by another process is retried with timers until
 * `busyTimeoutMs` (see busy-retry.ts): other requests keep being served meanwhile. A transaction is
 * retried only while its `work` has not started. On a `file:` database give the writes their own
 * client (`openDatabase` does, with SQLite's own busy timeout at 0): it is reconnected after a busy
 * failure, which must never cut a read in flight.
 */
export function createLibsqlStore(
  db: RegscanDatabase,
  options: { writeDb?: RegscanDatabase; busyTimeoutMs?: number } = {},
): LibsqlStore {
  const writeDb = options.writeDb ?? db;
  const lock = writeLockOf(writeDb.$client);
  const reconnect = writeDb !== db && writeDb.$client.protocol === "file" ? writeDb.$client : undefined;
  const timeoutMs = options.busyTimeoutMs ?? 0;
  const write = <T>(task: () => Promise<T>, canRetry?: () => boolean): Promise<T> =>
    lock.run(() =>
      retryWhileBusy(task, { timeoutMs, ...(reconnect ? { reconnect } : {}), ...(canRetry ? { canRetry } : {}) }),
    );
  const reader = repositoriesOver(db);
  const writer = repositoriesOver(writeDb);
  return {
    orgs: withWrites(reader.orgs, writer.orgs, WRITES.orgs, write),
    tokens: withWrites(reader.tokens, writer.tokens, WRITES.tokens, write),
    credentials: withWrites(reader.credentials, writer.credentials, WRITES.credentials, write),
    audit: withWrites(reader.audit, writer.audit, WRITES.audit, write),
    scans: withWrites(reader.scans, writer.scans, WRITES.scans, write),
    inventories: withWrites(reader.inventories, writer.inventories, WRITES.inventories, write),
    idempotency: withWrites(reader.idempotency, writer.idempotency, WRITES.idempotency, write),
    transaction(work) {
      let started = false;
      return write(
        async () => {
          let failed: { error: unknown } | undefined;
          try {
            return await writeDb.transaction(async (tx) => {
              started = true;
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
        },
        () => !started,
      );
    },
  };
}
