import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { zipSync } from "fflate";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { AdvisoryStore } from "./advisory-store.js";
import type { OsvRecord } from "./osv-record.js";
import { migratedAdvisoryStore } from "./test-support/migrated-advisory-store.js";
import { type UpdateProgress, updateEcosystem } from "./update-ecosystem.js";

const FIXTURES = join(import.meta.dirname, "../../test/fixtures/osv");
const fixture = (id: string) => JSON.parse(readFileSync(join(FIXTURES, `${id}.json`), "utf8")) as OsvRecord;
const encode = (v: unknown) => new TextEncoder().encode(JSON.stringify(v));
const NOW = () => new Date("2026-11-26T12:00:00.000Z");

/** A tiny OSV bucket: files by path, with a request log. */
class Bucket {
  files = new Map<string, Uint8Array | string>();
  requests: string[] = [];
  server!: Server;
  url = "";
  async start() {
    this.server = createServer((req, res) => {
      this.requests.push(req.url ?? "");
      const body = this.files.get(decodeURIComponent(req.url ?? ""));
      if (body === undefined) return void res.writeHead(404).end();
      if (body === "500") return void res.writeHead(500).end();
      res.writeHead(200, {
        "content-length": String(typeof body === "string" ? Buffer.byteLength(body) : body.length),
      });
      res.end(body);
    });
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }
  stop() {
    return new Promise((resolve) => this.server.close(resolve));
  }
  setZip(eco: string, records: OsvRecord[]) {
    this.files.set(`/${eco}/all.zip`, zipSync(Object.fromEntries(records.map((r) => [`${r.id}.json`, encode(r)]))));
  }
}

describe("updateEcosystem", () => {
  let dir: string;
  let store: AdvisoryStore;
  const bucket = new Bucket();
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), "regscan-update-"));
    store = await migratedAdvisoryStore(`file:${join(dir, "a.db")}`);
    bucket.files.clear();
    bucket.requests = [];
    await bucket.start();
  });
  afterEach(async () => {
    store.close();
    await bucket.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("downloads all.zip first, then only what modified_id.csv lists as newer", async () => {
    const older = fixture("DSA-3029-1");
    const newer = fixture("DSA-1819-1");
    bucket.setZip("Debian", [older, newer]);
    const progress: UpdateProgress[] = [];
    const first = await updateEcosystem(store, {
      ecosystem: "Debian",
      baseUrl: bucket.url,
      now: NOW,
      onProgress: (p) => progress.push(p),
    });
    expect(first).toMatchObject({ mode: "full", imported: 2, removed: 0, lastModified: "2026-03-09T01:19:40.055569Z" });
    expect(progress.at(-1)).toEqual({ phase: "download", done: progress.at(-1)!.total, total: expect.any(Number) });

    const changed = { ...older, modified: "2026-03-10T00:00:00Z", summary: "changed" };
    bucket.files.set("/Debian/DSA-3029-1.json", JSON.stringify(changed));
    bucket.files.set(
      "/Debian/modified_id.csv",
      `2026-03-11T00:00:00Z,DSA-GONE-1\n2026-03-10T00:00:00Z,DSA-3029-1\n2026-03-09T01:19:40.055569Z,DSA-1819-1\n`,
    );
    bucket.requests = [];
    const second = await updateEcosystem(store, { ecosystem: "Debian", baseUrl: bucket.url, now: NOW });
    expect(second).toMatchObject({
      mode: "incremental",
      imported: 1,
      removed: 1,
      lastModified: "2026-03-10T00:00:00Z",
    });
    expect(bucket.requests.sort()).toEqual([
      "/Debian/DSA-3029-1.json",
      "/Debian/DSA-GONE-1.json",
      "/Debian/modified_id.csv",
    ]);
    expect((await store.findByPackage("Debian:7", "nginx")).find((r) => r.id === older.id)?.summary).toBe("changed");
    expect(await store.status()).toEqual([
      { ecosystem: "Debian", records: 2, lastModified: "2026-03-10T00:00:00Z", importedAt: "2026-11-26T12:00:00.000Z" },
    ]);
  });

  it("a full import removes records the export no longer has", async () => {
    bucket.setZip("PyPI", [fixture("PYSEC-2023-74"), fixture("GHSA-j8r2-6x86-q33q")]);
    await updateEcosystem(store, { ecosystem: "PyPI", baseUrl: bucket.url, now: NOW });
    bucket.setZip("PyPI", [fixture("PYSEC-2023-74")]);
    const again = await updateEcosystem(store, {
      ecosystem: "PyPI",
      baseUrl: bucket.url,
      now: () => new Date("2026-11-27T00:00:00Z"),
      full: true,
    });
    expect(again).toMatchObject({ mode: "full", imported: 1, removed: 1 });
    expect((await store.findByPackage("PyPI", "requests")).map((r) => r.id)).toEqual(["PYSEC-2023-74"]);
  });

  it("falls back to all.zip when too many records changed", async () => {
    bucket.setZip("npm", [fixture("GHSA-r9p9-mrjm-926w")]);
    await updateEcosystem(store, { ecosystem: "npm", baseUrl: bucket.url, now: NOW });
    bucket.files.set("/npm/modified_id.csv", "2025-01-02T00:00:00Z,A\n2025-01-01T00:00:00Z,B\n");
    expect(
      await updateEcosystem(store, { ecosystem: "npm", baseUrl: bucket.url, now: NOW, maxIncremental: 1 }),
    ).toMatchObject({ mode: "full" });
  });

  it.each([
    { name: "a missing export", files: {} },
    { name: "a server error", files: { "/Alpine/all.zip": "500" } },
  ])("throws upstream_unavailable on $name", async ({ files }) => {
    for (const [k, v] of Object.entries(files)) bucket.files.set(k, v);
    await expect(updateEcosystem(store, { ecosystem: "Alpine", baseUrl: bucket.url, now: NOW })).rejects.toMatchObject({
      code: "upstream_unavailable",
    });
  });

  it("throws upstream_unavailable when the host cannot be reached", async () => {
    await expect(
      updateEcosystem(store, { ecosystem: "npm", baseUrl: "http://127.0.0.1:1", now: NOW }),
    ).rejects.toMatchObject({
      code: "upstream_unavailable",
    });
  });
});
