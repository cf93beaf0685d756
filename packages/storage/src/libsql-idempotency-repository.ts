import type { IdempotencyRepository } from "@regscan/core";
import { and, eq, gte, lt } from "drizzle-orm";
import { type LibsqlExecutor, runAll } from "./database.js";
import { translateDatabaseErrors } from "./database-errors.js";
import { idempotencyKeys } from "./schema.js";

/**
 * {@link IdempotencyRepository} over libSQL. `remember` is one batch: an expired record of the
 * key is dropped, the new one inserted unless a live one exists (the primary key decides a race).
 */
export function createLibsqlIdempotencyRepository(db: LibsqlExecutor): IdempotencyRepository {
  const byKey = (principalId: string, key: string) =>
    and(eq(idempotencyKeys.principalId, principalId), eq(idempotencyKeys.key, key));
  const find = async (principalId: string, key: string, notBefore: Date) => {
    const rows = await translateDatabaseErrors(() =>
      db
        .select()
        .from(idempotencyKeys)
        .where(and(byKey(principalId, key), gte(idempotencyKeys.createdAt, notBefore))),
    );
    return rows[0] ?? null;
  };
  return {
    find,
    async remember(record, notBefore) {
      await translateDatabaseErrors(() =>
        runAll(db, [
          db
            .delete(idempotencyKeys)
            .where(and(byKey(record.principalId, record.key), lt(idempotencyKeys.createdAt, notBefore))),
          db.insert(idempotencyKeys).values(record).onConflictDoNothing(),
        ]),
      );
      const stored = await find(record.principalId, record.key, notBefore);
      if (!stored) throw new Error("idempotency record vanished right after it was written");
      return stored;
    },
  };
}
