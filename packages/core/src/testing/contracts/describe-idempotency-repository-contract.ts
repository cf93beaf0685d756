import { describe, expect, it } from "vitest";
import type { IdempotencyRecord, IdempotencyRepository } from "../../ports/scans.js";
import { type MakeSubject, useSubject } from "./contract-subject.js";

const T0 = Date.parse("2026-05-01T00:00:00Z");
const record = (overrides: Partial<IdempotencyRecord> = {}): IdempotencyRecord => ({
  principalId: "tok-1",
  key: "key-1",
  requestHash: "hash-1",
  scanId: "s-1",
  createdAt: new Date(T0),
  ...overrides,
});

/** The behaviour every {@link IdempotencyRepository} must have. */
export function describeIdempotencyRepositoryContract(make: MakeSubject<IdempotencyRepository>): void {
  describe("IdempotencyRepository contract", () => {
    const repo = useSubject(make);
    const since = new Date(T0 - 1000);

    it("remembers the first record of a (principal, key) and returns it to later callers", async () => {
      expect(await repo().find("tok-1", "key-1", since)).toBeNull();
      expect(await repo().remember(record(), since)).toEqual(record());
      const second = record({ scanId: "s-2", requestHash: "hash-2", createdAt: new Date(T0 + 5) });
      expect(await repo().remember(second, since)).toEqual(record());
      expect(await repo().find("tok-1", "key-1", since)).toEqual(record());
    });

    it("keeps keys of different principals apart", async () => {
      await repo().remember(record(), since);
      const other = record({ principalId: "tok-2", scanId: "s-9" });
      expect(await repo().remember(other, since)).toEqual(other);
      expect((await repo().find("tok-2", "key-1", since))?.scanId).toBe("s-9");
      expect(await repo().find("tok-1", "key-2", since)).toBeNull();
    });

    it("forgets a record older than notBefore, and lets the key be used again", async () => {
      await repo().remember(record(), since);
      const later = new Date(T0 + 1);
      expect(await repo().find("tok-1", "key-1", later)).toBeNull();
      const fresh = record({ scanId: "s-3", createdAt: new Date(T0 + 10) });
      expect(await repo().remember(fresh, later)).toEqual(fresh);
      expect((await repo().find("tok-1", "key-1", later))?.scanId).toBe("s-3");
    });

    it("lets exactly one of concurrent first uses win", async () => {
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, i) => repo().remember(record({ scanId: `s-${i}` }), since)),
      );
      expect(new Set(results.map((r) => r.scanId)).size).toBe(1);
    });
  });
}
