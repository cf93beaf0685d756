import { mkdtempSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { emptyLayerFiles, type LayerFiles } from "../layer-files.js";
import { createFsLayerCache } from "./fs-layer-cache.js";

const root = mkdtempSync(join(tmpdir(), "regscan-cache-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const layer = (id: string, bytes: number): LayerFiles => ({
  ...emptyLayerFiles(`sha256:${id.padStart(64, "0")}`),
  files: new Map([["etc/data", new Uint8Array(bytes).fill(7)]]),
});
const entries = (dir: string) =>
  readdirSync(join(dir, "layers"), { recursive: true, withFileTypes: true }).filter((e) => e.name.endsWith(".rslf"));
const folderBytes = (dir: string) =>
  entries(dir).reduce((sum, e) => sum + statSync(join(e.parentPath, e.name)).size, 0);

describe("createFsLayerCache bounds", () => {
  it("evicts the least recently used entries past maxBytes", async () => {
    const dir = join(root, `c${n++}`);
    const cache = createFsLayerCache(dir, { maxBytes: 350_000, maxEntryBytes: 200_000 });
    await cache.put(layer("1", 100_000), "f");
    await cache.put(layer("2", 100_000), "f");
    await cache.put(layer("3", 100_000), "f");
    // Entry 1 is used again: entry 2 is now the least recently used.
    const old = new Date(Date.now() - 60_000);
    for (const e of entries(dir)) utimesSync(join(e.parentPath, e.name), old, old);
    expect((await cache.get(layer("1", 0).diffId, "f"))?.files.get("etc/data")?.length).toBe(100_000);
    await cache.put(layer("4", 100_000), "f");
    expect(await cache.get(layer("2", 0).diffId, "f")).toBeUndefined();
    expect(await cache.get(layer("1", 0).diffId, "f")).toBeDefined();
    expect(await cache.get(layer("4", 0).diffId, "f")).toBeDefined();
    expect(folderBytes(dir)).toBeLessThanOrEqual(350_000);
  });

  it("does not write an entry over maxEntryBytes, and ignores one found on disk", async () => {
    const dir = join(root, `c${n++}`);
    const cache = createFsLayerCache(dir, { maxEntryBytes: 50_000 });
    await cache.put(layer("1", 10_000), "f");
    await cache.put(layer("2", 60_000), "f");
    expect(await cache.get(layer("2", 0).diffId, "f")).toBeUndefined();
    const [small] = entries(dir);
    expect(entries(dir)).toHaveLength(1);
    // A planted oversized entry is a miss, not read.
    writeFileSync(join(small!.parentPath, small!.name), new Uint8Array(60_000));
    expect(await cache.get(layer("1", 0).diffId, "f")).toBeUndefined();
  });
});
