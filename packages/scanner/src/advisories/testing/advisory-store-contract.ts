import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { AdvisoryStore } from "../advisory-store.js";
import type { OsvRecord } from "../osv-record.js";

// Test support (Node only): the behaviour every AdvisoryStore implementation must have.

const FIXTURES = join(import.meta.dirname, "../../../test/fixtures/osv");
const fixture = (id: string) => JSON.parse(readFileSync(join(FIXTURES, `${id}.json`), "utf8")) as OsvRecord;
const ALL = [
  "GHSA-r9p9-mrjm-926w",
  "DSA-3029-1",
  "DEBIAN-CVE-2023-38545",
  "DSA-5587-1",
  "DSA-1819-1",
  "ALPINE-CVE-2025-26519",
  "UBUNTU-CVE-2023-38545",
  "UBUNTU-CVE-2001-1593",
  "PYSEC-2023-74",
  "GHSA-j8r2-6x86-q33q",
].map(fixture);

const made = (id: string, ecosystem: string, name: string, extra: Partial<OsvRecord> = {}): OsvRecord => ({
  id,
  modified: "2024-01-01T00:00:00Z",
  affected: [{ package: { ecosystem, name }, ranges: [{ type: "ECOSYSTEM", events: [{ introduced: "0" }] }] }],
  ...extra,
});

/** A store under test and how to dispose of it. */
export interface StoreSubject {
  store: AdvisoryStore;
  dispose(): void | Promise<void>;
}

/**
 * The AdvisoryStore contract, run against a fresh, empty store from `make` per test: lookups by
 * full ecosystem and bare prefix, name normalisation, batched lookups, upsert / withdrawal /
 * delete, stale removal and status.
 */
export function describeAdvisoryStoreContract(name: string, make: () => Promise<StoreSubject>): void {
  describe(`${name} (AdvisoryStore contract)`, () => {
    let subject: StoreSubject;
    let store: AdvisoryStore;
    beforeEach(async () => {
      subject = await make();
      store = subject.store;
      await store.upsert(ALL);
    });
    afterEach(async () => {
      await subject.dispose();
    });

    it.each([
      {
        name: "Debian release by source name (synthetic records)",
        ecosystem: "Debian:12",
        pkg: "curl",
        ids: ["DEBIAN-CVE-2023-38545", "DSA-5587-1"],
      },
      { name: "another Debian release", ecosystem: "Debian:13", pkg: "curl", ids: ["DEBIAN-CVE-2023-38545"] },
      { name: "a release without records", ecosystem: "Debian:11", pkg: "curl", ids: [] },
      { name: "an old Debian release", ecosystem: "Debian:4.0", pkg: "vlc", ids: ["DSA-1819-1"] },
      { name: "Alpine branch", ecosystem: "Alpine:v3.20", pkg: "musl", ids: ["ALPINE-CVE-2025-26519"] },
      { name: "another Alpine branch", ecosystem: "Alpine:v3.16", pkg: "musl", ids: ["ALPINE-CVE-2025-26519"] },
      { name: "Ubuntu LTS", ecosystem: "Ubuntu:22.04:LTS", pkg: "curl", ids: ["UBUNTU-CVE-2023-38545"] },
      { name: "nothing for a withdrawn record", ecosystem: "Ubuntu:14.04:LTS", pkg: "a2ps", ids: [] },
      { name: "npm name as-is", ecosystem: "npm", pkg: "elliptic", ids: ["GHSA-r9p9-mrjm-926w"] },
      { name: "npm is case-sensitive", ecosystem: "npm", pkg: "Elliptic", ids: [] },
      { name: "PyPI per PEP 503", ecosystem: "PyPI", pkg: "Requests", ids: ["GHSA-j8r2-6x86-q33q", "PYSEC-2023-74"] },
      { name: "unknown package", ecosystem: "npm", pkg: "left-pad", ids: [] },
    ])("finds $name", async ({ ecosystem, pkg, ids }) => {
      expect((await store.findByPackage(ecosystem, pkg)).map((r) => r.id)).toEqual(ids);
    });

    it("finds records filed under the bare ecosystem prefix for every release", async () => {
      await store.upsert([made("TEST-BARE-1", "Debian", "curl")]);
      expect((await store.findByPackage("Debian:12", "curl")).map((r) => r.id)).toContain("TEST-BARE-1");
      expect((await store.findByPackage("Debian:11", "curl")).map((r) => r.id)).toEqual(["TEST-BARE-1"]);
    });

    it("normalises PyPI names on both sides", async () => {
      await store.upsert([made("TEST-PEP503", "PyPI", "Zope.Interface")]);
      expect((await store.findByPackage("PyPI", "zope_interface")).map((r) => r.id)).toEqual(["TEST-PEP503"]);
    });

    it("answers batched lookups for every key, with the stored JSON intact", async () => {
      const keys = [
        { ecosystem: "npm", name: "elliptic" },
        { ecosystem: "Debian:12", name: "nginx" },
      ];
      const found = await store.findForPackages(keys);
      expect([...found.keys()]).toHaveLength(2);
      expect(found.get("npm\u0000elliptic")).toEqual([ALL[0]]);
      expect(found.get("Debian:12\u0000nginx")).toEqual([]);
    });

    it("replaces a record on upsert and removes it when withdrawn", async () => {
      const moved = made("GHSA-r9p9-mrjm-926w", "npm", "elliptic-fork");
      await store.upsert([moved]);
      expect(await store.findByPackage("npm", "elliptic")).toEqual([]);
      expect(await store.findByPackage("npm", "elliptic-fork")).toEqual([moved]);
      await store.upsert([{ ...moved, withdrawn: "2024-02-01T00:00:00Z" }]);
      expect(await store.findByPackage("npm", "elliptic-fork")).toEqual([]);
    });

    it("deletes by id and reports per-ecosystem counts", async () => {
      await store.delete(["DSA-3029-1", "NOT-THERE"]);
      await store.markImported("npm", "2021-03-08T16:02:43Z", "2026-01-01T00:00:00.000Z");
      expect(await store.status()).toEqual([
        { ecosystem: "Alpine", records: 1, lastModified: "2026-07-08T04:32:24.548042624Z", importedAt: null },
        { ecosystem: "Debian", records: 3, lastModified: "2026-03-09T01:19:40.055569Z", importedAt: null },
        { ecosystem: "npm", records: 1, lastModified: "2021-03-08T16:02:43Z", importedAt: "2026-01-01T00:00:00.000Z" },
        { ecosystem: "PyPI", records: 2, lastModified: "2023-11-08T04:12:35.436175Z", importedAt: null },
        { ecosystem: "Ubuntu", records: 1, lastModified: "2026-04-22T07:45:24Z", importedAt: null }, // the withdrawn record is not kept
      ]);
    });

    it("removes a source's records that a full import did not touch", async () => {
      await store.upsert([made("TEST-KEEP", "npm", "a"), made("TEST-NEW", "npm", "b")], { source: "npm", run: 7 });
      expect(await store.removeStale("npm", 7)).toBe(1); // GHSA-r9p9-mrjm-926w (run 0)
      expect((await store.status()).find((s) => s.ecosystem === "npm")?.records).toBe(2);
      expect(await store.findByPackage("npm", "elliptic")).toEqual([]);
    });
  });
}
