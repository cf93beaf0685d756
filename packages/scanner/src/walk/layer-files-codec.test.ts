import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { LayerFiles } from "./layer-files.js";
import { decodeLayerFiles, encodeLayerFiles } from "./layer-files-codec.js";
import { createFsLayerCache, defaultCacheDir } from "./node/fs-layer-cache.js";

const sample: LayerFiles = {
  diffId: "sha256:abc",
  files: new Map([
    ["var/lib/dpkg/status", new TextEncoder().encode("Package: x\n")],
    ["empty", new Uint8Array()],
  ]),
  symlinks: new Map([["etc/os-release", "../usr/lib/os-release"]]),
  deletions: ["usr/bin/tool"],
  opaqueDirs: ["opt/app"],
  notices: [{ code: "file_too_large", message: "m", path: "/big" }],
  size: 12_345,
};

describe("layer files codec", () => {
  it("round-trips", () => {
    expect(decodeLayerFiles(encodeLayerFiles(sample))).toEqual(sample);
  });

  it.each([
    ["empty", new Uint8Array()],
    ["wrong magic", new TextEncoder().encode("XXXXX\n\0\0\0\0")],
    ["truncated", encodeLayerFiles(sample).subarray(0, 40)],
    ["missing file bytes", encodeLayerFiles(sample).subarray(0, encodeLayerFiles(sample).length - 3)],
    ["trailing bytes", new Uint8Array([...encodeLayerFiles(sample), 1])],
  ])("treats %s bytes as a miss", (_name, bytes) => {
    expect(decodeLayerFiles(bytes)).toBeUndefined();
  });
});

describe("fs layer cache", () => {
  let dir = "";
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("stores per fingerprint and ignores damaged entries", async () => {
    dir = await mkdtemp(join(tmpdir(), "regscan-cache-"));
    const cache = createFsLayerCache(dir);
    expect(await cache.get("sha256:abc", "fp1")).toBeUndefined();
    await cache.put(sample, "fp1");
    expect(await cache.get("sha256:abc", "fp1")).toEqual(sample);
    expect(await cache.get("sha256:abc", "fp2")).toBeUndefined();
    const [selectorDir] = await readdir(join(dir, "layers"));
    const [file] = await readdir(join(dir, "layers", selectorDir!));
    await writeFile(join(dir, "layers", selectorDir!, file!), "garbage");
    expect(await cache.get("sha256:abc", "fp1")).toBeUndefined();
  });

  it("does not fail a scan when the directory cannot be written", async () => {
    dir = await mkdtemp(join(tmpdir(), "regscan-cache-"));
    await writeFile(join(dir, "a-file"), "");
    const cache = createFsLayerCache(join(dir, "a-file", "below"));
    await expect(cache.put(sample, "fp")).resolves.toBeUndefined();
  });

  it.each([
    [{ REGSCAN_CACHE_DIR: "/c", XDG_CACHE_HOME: "/x" }, "/c"],
    [{ XDG_CACHE_HOME: "/x" }, "/x/regscan"],
  ])("picks the cache directory from %o", (env, expected) => {
    expect(defaultCacheDir(env)).toBe(expected);
  });
});
