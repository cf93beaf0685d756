import type { IdempotencyRecord, IdempotencyRepository } from "../ports/scans.js";
import { constant } from "./memory-org-repository.js";

/** What an in-memory IdempotencyRepository holds: records by (principal, key). */
export type MemoryIdempotencyState = Map<string, IdempotencyRecord>;

/** In-memory IdempotencyRepository for tests (runs the IdempotencyRepository contract). */
export function createMemoryIdempotencyRepository(
  state: () => MemoryIdempotencyState = constant(new Map<string, IdempotencyRecord>()),
): IdempotencyRepository {
  const keyOf = (principalId: string, key: string) => JSON.stringify([principalId, key]);
  const live = (record: IdempotencyRecord | undefined, notBefore: Date) =>
    record !== undefined && record.createdAt.getTime() >= notBefore.getTime() ? record : null;
  return {
    async find(principalId, key, notBefore) {
      const record = live(state().get(keyOf(principalId, key)), notBefore);
      return record ? structuredClone(record) : null;
    },
    async remember(record, notBefore) {
      const id = keyOf(record.principalId, record.key);
      const existing = live(state().get(id), notBefore);
      if (existing) return structuredClone(existing);
      state().set(id, structuredClone(record));
      return structuredClone(record);
    },
  };
}
