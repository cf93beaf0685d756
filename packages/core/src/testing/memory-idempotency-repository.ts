import type { IdempotencyRecord, IdempotencyRepository } from "../ports/scans.js";

/** In-memory IdempotencyRepository for tests (runs the IdempotencyRepository contract). */
export function createMemoryIdempotencyRepository(): IdempotencyRepository {
  const rows = new Map<string, IdempotencyRecord>();
  const keyOf = (principalId: string, key: string) => JSON.stringify([principalId, key]);
  const live = (record: IdempotencyRecord | undefined, notBefore: Date) =>
    record !== undefined && record.createdAt.getTime() >= notBefore.getTime() ? record : null;
  return {
    async find(principalId, key, notBefore) {
      const record = live(rows.get(keyOf(principalId, key)), notBefore);
      return record ? structuredClone(record) : null;
    },
    async remember(record, notBefore) {
      const id = keyOf(record.principalId, record.key);
      const existing = live(rows.get(id), notBefore);
      if (existing) return structuredClone(existing);
      rows.set(id, structuredClone(record));
      return structuredClone(record);
    },
  };
}
