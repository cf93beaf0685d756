/**
 * End-to-end inventory of the real Debian test images (scripts/test-env.sh builds them with
 * debootstrap/umoci/skopeo and serves them from docker-registry): the result must equal what
 * dpkg-query, npm and the filesystem said about the same root filesystems when they were built.
 */

import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SKIP_REASON, testImages, testRegistry } from "../../test/support/test-images.js";
import { defaultCatalogers, finalizePackage } from "../catalogers/index.js";
import type { ImageInventory } from "../model.js";
import type { ImageSource } from "../sources/image-source.js";
import { openImageSource } from "../sources/node/open-image-source.js";
import { type LayerCache, noLayerCache } from "../walk/layer-cache.js";
import { createFsLayerCache } from "../walk/node/fs-layer-cache.js";
import { zlibDecompressor } from "../walk/node/zlib-decompressor.js";
import { scanImageInventory } from "./scan-image-inventory.js";

const images = testImages();
const registry = testRegistry();

/** Counts blob downloads of a source. */
function counting(source: ImageSource): ImageSource & { blobs: number } {
  const counted = {
    blobs: 0,
    resolve: source.resolve.bind(source),
    openBlob: (...args: Parameters<ImageSource["openBlob"]>) => {
      counted.blobs += 1;
      return source.openBlob(...args);
    },
    close: source.close?.bind(source),
  };
  return counted;
}

function open(ref: string): ImageSource & { blobs: number } {
  const creds =
    registry && ref.startsWith(registry.host)
      ? { username: registry.username, password: registry.password }
      : undefined;
  return counting(openImageSource(ref, { insecure: true, credentials: creds }));
}

const scan = (source: ImageSource, cache: LayerCache = noLayerCache) =>
  scanImageInventory(source, {
    catalogers: defaultCatalogers,
    finalize: finalizePackage,
    cache,
    decompressor: zlibDecompressor,
  });

const rows = (inventory: ImageInventory, type: string, columns: (p: ImageInventory["packages"][number]) => string[]) =>
  inventory.packages
    .filter((p) => p.type === type)
    .map((p) => columns(p).join("\t"))
    .sort();
const dpkgRows = (inventory: ImageInventory) => rows(inventory, "deb", (p) => [p.name, p.version, p.arch ?? ""]);
const expectedRows = (name: string) =>
  images!
    .expectedRows(name)
    .map((r) => r.join("\t"))
    .sort();

describe.skipIf(!images)(`real images from oci layouts and docker archives ${images ? "" : SKIP_REASON}`, () => {
  it.each([
    ["base", "oci"],
    ["base", "docker-archive"],
    ["app", "oci"],
    ["app", "docker-archive"],
    ["arm64", "oci"],
  ] as const)(
    "the dpkg inventory of %s (%s) equals dpkg-query -W exactly",
    async (tag, transport) => {
      const ref =
        transport === "oci" ? `oci:${images!.ociDir}:${tag}` : `docker-archive:${images!.dockerArchive(tag as "base")}`;
      const source = openImageSource(ref, tag === "arm64" ? { platform: "linux/arm64" } : {});
      const inventory = await scan(source);
      expect(dpkgRows(inventory)).toEqual(expectedRows(`${tag}.dpkg.tsv`));
      expect(inventory.artifact.os).toEqual({ family: "debian", version: "12" });
      expect(inventory.artifact.layers.map((l) => l.diffId)).toEqual(images!.describe(tag).diffIds);
    },
    120_000,
  );

  it("attributes each package of the app image to the layer that introduced it, after whiteouts", async () => {
    const inventory = await scan(openImageSource(`oci:${images!.ociDir}:app`));
    const diffIds = images!.describe("app").diffIds!;
    // Expected: the earliest layer from which the package (same version) is present to the end.
    const perLayer = diffIds.map((_, n) => new Set(expectedRows(`app.layer${n}.dpkg.tsv`)));
    const expected = [...perLayer.at(-1)!].map((row) => {
      let since = perLayer.length - 1;
      while (since > 0 && perLayer[since - 1]!.has(row)) since -= 1;
      return `${row}\t${diffIds[since]}`;
    });
    expect(rows(inventory, "deb", (p) => [p.name, p.version, p.arch ?? "", p.layer])).toEqual(expected.sort());
    // Layer 3 purged curl and removed node_modules/debug; layer 4 made dist-packages opaque (pip gone).
    expect(inventory.packages.map((p) => p.name)).not.toContain("curl");
    const npm = inventory.packages.filter((p) => p.type === "npm");
    expect(npm.filter((p) => !p.isRoot).map((p) => [p.name, p.version, p.path].join("\t"))).toEqual(
      expectedRows("app.npm.tsv"),
    );
    expect(npm.filter((p) => p.isRoot).map((p) => p.path)).toEqual(["/app/package.json"]);
    expect(rows(inventory, "pypi", (p) => [p.name, p.version, p.path])).toEqual(expectedRows("app.pypi.tsv"));
  }, 120_000);
});

describe.skipIf(!images || !registry)(`real images from the registry ${images && registry ? "" : SKIP_REASON}`, () => {
  let cacheDir = "";
  beforeAll(async () => {
    cacheDir = await mkdtemp(join(tmpdir(), "regscan-real-cache-"));
  });
  afterAll(async () => {
    await rm(cacheDir, { recursive: true, force: true });
  });

  it("gives the same inventory as the oci layout and docker-archive, and rescans from the cache", async () => {
    const fromLayout = await scan(openImageSource(`oci:${images!.ociDir}:app`));
    const fromArchive = await scan(openImageSource(`docker-archive:${images!.dockerArchive("app")}`));
    const cache = createFsLayerCache(cacheDir);
    const first = open(`${registry!.host}/regscan/app:latest`);
    const fromRegistry = await scan(first, cache);
    const strip = (i: ImageInventory) => i.packages;
    expect(strip(fromRegistry)).toEqual(strip(fromLayout));
    expect(strip(fromArchive)).toEqual(strip(fromLayout));
    expect(first.blobs).toBe(5);

    const second = open(`${registry!.host}/regscan/app:latest`);
    expect(strip(await scan(second, cache))).toEqual(strip(fromLayout));
    expect(second.blobs).toBe(0);
    // The base image shares the app's first layer: nothing to download either.
    const base = open(`${registry!.host}/regscan/base:latest`);
    expect(dpkgRows(await scan(base, cache))).toEqual(expectedRows("base.dpkg.tsv"));
    expect(base.blobs).toBe(0);
  }, 180_000);
});
