import { describe, expect, it } from "vitest";
import type { AuditEntry } from "../../model/audit.js";
import type { AuditLog, Page } from "../../ports/repositories.js";
import { domainError, type MakeSubject, useSubject } from "./contract-subject.js";

const T0 = Date.parse("2026-01-02T03:04:05.678Z");

function entry(id: string, at: number, overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    id,
    orgId: "org-a",
    actorId: "t-1",
    action: "credential.create",
    targetType: "credential",
    targetId: `c-${id}`,
    at: new Date(T0 + at),
    metadata: {},
    ...overrides,
  };
}

/** Reads every page; fails when a page is empty but not the only one, or when paging does not end. */
async function readAll(
  log: AuditLog,
  orgId: string,
  limit: number,
): Promise<{ items: AuditEntry[]; pages: Page<AuditEntry>[] }> {
  const pages: Page<AuditEntry>[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 100; i++) {
    const page = await log.list(orgId, { limit, cursor });
    pages.push(page);
    expect(page.items.length).toBeLessThanOrEqual(limit);
    if (page.nextCursor === null) return { items: pages.flatMap((p) => p.items), pages };
    expect(page.items).toHaveLength(limit);
    cursor = page.nextCursor;
  }
  throw new Error("audit log paging did not end after 100 pages");
}

/** Newest first; entries with the same timestamp may come in any order, but every one exactly once. */
function expectNewestFirst(items: AuditEntry[], expected: AuditEntry[]): void {
  const ids = items.map((e) => e.id);
  expect(new Set(ids).size).toBe(ids.length);
  expect([...ids].sort()).toEqual(expected.map((e) => e.id).sort());
  for (let i = 1; i < items.length; i++) {
    expect(items[i - 1]!.at.getTime()).toBeGreaterThanOrEqual(items[i]!.at.getTime());
  }
}

// Seven entries, several sharing a timestamp, appended out of order.
const SEVEN = [
  entry("e-3", 20),
  entry("e-1", 10),
  entry("e-2", 10),
  entry("e-7", 40),
  entry("e-4", 20),
  entry("e-5", 20),
  entry("e-6", 30),
];

/** The behaviour every {@link AuditLog} must have. */
export function describeAuditLogContract(make: MakeSubject<AuditLog>): void {
  describe("AuditLog contract", () => {
    const log = useSubject(make);

    it("is empty for an organization without entries", async () => {
      expect(await log().list("org-a", { limit: 10 })).toEqual({ items: [], nextCursor: null });
    });

    it.each([
      { name: "empty metadata", metadata: {} },
      {
        name: "nested metadata",
        metadata: {
          purpose: "list_namespaces",
          count: 3,
          ratio: 0.5,
          ok: true,
          none: null,
          tags: ["a", "b"],
          nested: { deep: { x: "ü ✓" } },
        },
      },
    ])("round-trips an entry with $name", async ({ metadata }) => {
      const input = entry("e-1", 1, {
        metadata,
        action: "credential.use",
        actorId: "system",
        targetType: "token",
        targetId: "t-9",
      });
      await log().append(input);
      const page = await log().list("org-a", { limit: 10 });
      expect(page).toEqual({ items: [input], nextCursor: null });
      expect(page.items[0]?.at).toBeInstanceOf(Date);
    });

    it("lists newest first", async () => {
      for (const e of [entry("e-1", 10), entry("e-3", 30), entry("e-2", 20)]) await log().append(e);
      const page = await log().list("org-a", { limit: 10 });
      expect(page.items.map((e) => e.id)).toEqual(["e-3", "e-2", "e-1"]);
      expect(page.nextCursor).toBeNull();
    });

    it.each([1, 2, 3, 6, 7, 8, 100])("pages through every entry exactly once with limit %i", async (limit) => {
      for (const e of SEVEN) await log().append(e);
      const { items, pages } = await readAll(log(), "org-a", limit);
      expectNewestFirst(items, SEVEN);
      expect(pages).toHaveLength(Math.max(1, Math.ceil(SEVEN.length / limit)));
      expect(items).toEqual(expect.arrayContaining(SEVEN));
    });

    it("pages entries that all share one timestamp", async () => {
      const same = Array.from({ length: 5 }, (_, i) => entry(`e-${i}`, 0));
      for (const e of same) await log().append(e);
      const { items } = await readAll(log(), "org-a", 2);
      expectNewestFirst(items, same);
    });

    it("gives the same order on every read", async () => {
      for (const e of SEVEN) await log().append(e);
      const first = await readAll(log(), "org-a", 3);
      const second = await log().list("org-a", { limit: 100 });
      expect(first.items.map((e) => e.id)).toEqual(second.items.map((e) => e.id));
    });

    it("keeps a cursor valid while newer entries are appended", async () => {
      for (const e of SEVEN) await log().append(e);
      const first = await log().list("org-a", { limit: 3 });
      await log().append(entry("e-8", 50));
      await log().append(entry("e-9", 40));
      const rest: AuditEntry[] = [];
      let cursor = first.nextCursor;
      while (cursor !== null) {
        const page = await log().list("org-a", { limit: 3, cursor });
        rest.push(...page.items);
        cursor = page.nextCursor;
      }
      expectNewestFirst([...first.items, ...rest], SEVEN);
    });

    it("lists only the organization's own entries", async () => {
      await log().append(entry("e-1", 1));
      await log().append(entry("e-2", 2, { orgId: "org-b" }));
      await log().append(entry("e-3", 3));
      const { items } = await readAll(log(), "org-a", 1);
      expect(items.map((e) => e.id)).toEqual(["e-3", "e-1"]);
      expect((await log().list("org-b", { limit: 10 })).items.map((e) => e.id)).toEqual(["e-2"]);
    });

    it("rejects a duplicate entry id with conflict", async () => {
      await log().append(entry("e-1", 1));
      await expect(log().append(entry("e-1", 2))).rejects.toMatchObject(domainError("conflict"));
    });

    it.each(["not-a-cursor", "%%%"])("rejects the malformed cursor %j with validation_failed", async (cursor) => {
      await log().append(entry("e-1", 1));
      await expect(log().list("org-a", { limit: 10, cursor })).rejects.toMatchObject(domainError("validation_failed"));
    });
  });
}
