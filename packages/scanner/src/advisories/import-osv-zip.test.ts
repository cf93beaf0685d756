import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Zippable, zipSync } from "fflate";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { AdvisoryStore } from "./advisory-store.js";
import { importOsvZip } from "./import-osv-zip.js";
import { migratedAdvisoryStore } from "./test-support/migrated-advisory-store.js";

const FIXTURES = join(import.meta.dirname, "../../test/fixtures/osv");
const read = (name: string) => new Uint8Array(readFileSync(join(FIXTURES, name)));
const RECORDS = readdirSync(FIXTURES).filter((f) => f.endsWith(".json"));

/** Streams bytes in small chunks, as a download would. */
async function* chunked(bytes: Uint8Array, size = 997): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.slice(i, i + size);
}

function zipOf(entries: Record<string, Uint8Array>, level: 0 | 6 = 6): Uint8Array {
  const files: Zippable = {};
  for (const [name, data] of Object.entries(entries))
    files[name] = [data, { level, mtime: new Date("2024-01-01T00:00:00Z") }];
  return zipSync(files);
}

describe("importOsvZip", () => {
  let dir: string;
  let store: AdvisoryStore;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), "regscan-zip-"));
    store = await migratedAdvisoryStore(`file:${join(dir, "a.db")}`);
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    { name: "deflated entries", level: 6 as const },
    { name: "stored entries", level: 0 as const },
  ])("imports every record of an export zip ($name)", async ({ level }) => {
    const zip = zipOf(Object.fromEntries(RECORDS.map((f) => [f, read(f)])), level);
    const result = await importOsvZip(store, chunked(zip), { batchSize: 3 });
    expect(result).toEqual({
      imported: RECORDS.length - 1,
      withdrawn: 1, // UBUNTU-CVE-2001-1593, withdrawn by Canonical
      invalid: [],
      invalidCount: 0,
      refused: [],
      refusedCount: 0,
      lastModified: "2026-07-08T04:32:24.548042624Z",
      sources: {
        Alpine: "2026-07-08T04:32:24.548042624Z",
        Debian: "2026-03-09T01:19:40.055569Z",
        npm: "2021-03-08T16:02:43Z",
        PyPI: "2023-11-08T04:12:35.436175Z",
        Ubuntu: "2026-04-22T07:45:24Z",
      },
    });
    expect((await store.findByPackage("Debian:4.0", "vlc")).map((r) => r.id)).toEqual(["DSA-1819-1"]);
    expect((await store.findByPackage("Debian:12", "curl")).map((r) => r.id)).toEqual([
      "DEBIAN-CVE-2023-38545",
      "DSA-5587-1",
    ]); // synthetic
    expect(await store.findByPackage("Ubuntu:14.04:LTS", "a2ps")).toEqual([]);
  });

  it("reports bad entries, skips other files and removes withdrawn records", async () => {
    await importOsvZip(store, chunked(zipOf({ "GHSA-r9p9-mrjm-926w.json": read("GHSA-r9p9-mrjm-926w.json") })));
    const withdrawn = {
      ...JSON.parse(new TextDecoder().decode(read("GHSA-r9p9-mrjm-926w.json"))),
      withdrawn: "2024-05-01T00:00:00Z",
    };
    const zip = zipOf({
      "GHSA-r9p9-mrjm-926w.json": new TextEncoder().encode(JSON.stringify(withdrawn)),
      "truncated.json": read("corrupt/truncated.json"),
      "not-a-record.json": read("corrupt/not-a-record.json"),
      "README.txt": new TextEncoder().encode("ignored"),
    });
    const result = await importOsvZip(store, chunked(zip));
    expect(result.withdrawn).toBe(1);
    expect(result.imported).toBe(0);
    expect(result.invalid.map((i) => i.name)).toEqual(["truncated.json", "not-a-record.json"]);
    expect(await store.findByPackage("npm", "elliptic")).toEqual([]);
  });

  it.each([
    { name: "a file that is not a zip", bytes: () => read("corrupt/not-a-zip.zip"), message: /not a ZIP archive/ },
    {
      name: "a truncated zip",
      bytes: () => zipOf({ "PYSEC-2023-74.json": read("PYSEC-2023-74.json") }, 0).slice(0, 200),
      message: /truncated/,
    },
  ])("rejects $name with validation_failed", async ({ bytes, message }) => {
    await expect(importOsvZip(store, chunked(bytes()), { name: "x.zip" })).rejects.toMatchObject({
      code: "validation_failed",
      message: expect.stringMatching(message),
    });
  });

  it("imports a large chunk holding thousands of small entries (no deep recursion)", async () => {
    const entries: Record<string, Uint8Array> = {};
    for (let i = 0; i < 5000; i++) {
      entries[`TEST-${i}.json`] = new TextEncoder().encode(
        JSON.stringify({ id: `TEST-${i}`, modified: "2024-01-01T00:00:00Z" }),
      );
    }
    const zip = zipOf(entries);
    expect((await importOsvZip(store, chunked(zip, zip.length))).imported).toBe(5000);
  });

  it("imports nothing from an empty stream", async () => {
    expect(await importOsvZip(store, chunked(new Uint8Array(0)))).toMatchObject({ imported: 0, invalid: [] });
  });

  it("reads a web ReadableStream", async () => {
    const zip = zipOf({ "PYSEC-2023-74.json": read("PYSEC-2023-74.json") });
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(zip);
        controller.close();
      },
    });
    expect((await importOsvZip(store, stream)).imported).toBe(1);
  });

  describe("limits", () => {
    const record = (id: string, pad = 0) =>
      new TextEncoder().encode(JSON.stringify({ id, modified: "2024-01-01T00:00:00Z", details: " ".repeat(pad) }));

    it("refuses a record over the size limit, counted, and imports the rest", async () => {
      const zip = zipOf({ "A-1.json": record("A-1"), "BIG.json": record("BIG", 3 << 20), "A-2.json": record("A-2") });
      const result = await importOsvZip(store, chunked(zip, 65536), { limits: { maxRecordBytes: 1 << 20 } });
      expect(result).toMatchObject({ imported: 2, refusedCount: 1 });
      expect(result.refused).toEqual([
        { name: "BIG.json", reason: expect.stringContaining("over the 1.0 MiB limit per record") },
      ]);
    });

    it("stops inflating an entry whose header hides its size, as soon as it passes the limit", async () => {
      // A data-descriptor entry (sizes unknown up front) of 64 MiB of zeros: ~64 KiB deflated.
      const { Zip, ZipDeflate } = await import("fflate");
      const parts: Uint8Array[] = [];
      const zip = new Zip((err, data) => {
        if (err) throw err;
        parts.push(data);
      });
      const big = new ZipDeflate("BOMB.json", { level: 9 });
      zip.add(big);
      for (let i = 0; i < 64; i++) big.push(new Uint8Array(1 << 20), i === 63);
      const ok = new ZipDeflate("A-1.json", { level: 6 });
      zip.add(ok);
      ok.push(record("A-1"), true);
      zip.end();
      const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
      let at = 0;
      for (const p of parts) {
        bytes.set(p, at);
        at += p.length;
      }
      const result = await importOsvZip(store, chunked(bytes, 65536), { limits: { maxRecordBytes: 1 << 20 } });
      expect(result).toMatchObject({ imported: 1, refusedCount: 1, refused: [{ name: "BOMB.json" }] });
    });

    it.each([
      ["more entries than the limit", { maxEntries: 3 }, "more than 3 entries"],
      ["more inflated bytes than the limit", { maxArchiveBytes: 3000 }, "inflates to more than"],
    ])("stops the import on %s", async (_name, limits, text) => {
      const zip = zipOf(
        Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`R-${i}.json`, record(`R-${i}`, 1000)])),
      );
      const error = await importOsvZip(store, chunked(zip), { limits }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: "validation_failed", message: expect.stringContaining(text) });
    });
  });
});
