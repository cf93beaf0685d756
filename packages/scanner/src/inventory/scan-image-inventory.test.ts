import { gzipSync } from "node:zlib";
import { isDomainError } from "@regscan/core";
import { packTar, unpackTar } from "modern-tar";
import { describe, expect, it } from "vitest";
import { dpkgCataloger } from "../catalogers/dpkg.js";
import type { Cataloger } from "../model.js";
import { nodeSha256 } from "../sources/node/node-sha256.js";
import { createMemoryLayerCache } from "../walk/layer-cache.js";
import { zlibDecompressor } from "../walk/node/zlib-decompressor.js";
import { layerFixture, memoryImageSource, sha256Of, type TestLayer } from "../walk/test-support/memory-image-source.js";
import type { WalkProgress } from "../walk/walk-image-layers.js";
import { type ScanInventoryOptions, scanImageInventory } from "./scan-image-inventory.js";

const base: TestLayer = { blob: layerFixture("base.tar.gz"), tar: layerFixture("base.tar") };
const upper: TestLayer = {
  blob: layerFixture("upper-whiteouts.tar"),
  mediaType: "application/vnd.oci.image.layer.v1.tar",
};
const corrupt: TestLayer = { blob: layerFixture("corrupt-deflate.tar.gz"), tar: layerFixture("base.tar") };

const options = (extra: Partial<ScanInventoryOptions> = {}): ScanInventoryOptions => ({
  catalogers: [dpkgCataloger],
  finalize: (pkg, os, layer) => ({
    ...pkg,
    ecosystem: `${os?.family}:${os?.version}`,
    purl: `pkg:${pkg.type}/${pkg.name}`,
    layer,
  }),
  decompressor: zlibDecompressor,
  sha256: nodeSha256,
  ...extra,
});

const summary = (packages: { name: string; layer: string }[], diffIds: string[]) =>
  packages.map((p) => `${p.name}@${diffIds.indexOf(p.layer)}`).sort();

async function tarLayer(files: Record<string, string>): Promise<TestLayer> {
  const tar = await packTar(
    Object.entries(files).map(([name, body]) => ({
      header: { name, size: new TextEncoder().encode(body).length },
      body,
    })),
  );
  return { blob: gzipSync(tar), tar };
}

/** A layer writing back base.tar's dpkg status (with libc6). */
async function reinstallLayer(): Promise<TestLayer> {
  const entries = await unpackTar(layerFixture("base.tar"));
  const status = entries.find((e) => e.header.name === "./var/lib/dpkg/status")!.data!;
  return tarLayer({ "var/lib/dpkg/status": new TextDecoder().decode(status) });
}

describe("scanImageInventory", () => {
  it.each([
    ["one layer", [base], ["base-files@0", "libc6@0", "zlib1g@0"]],
    ["a later layer rewrites the database without libc6", [base, upper], ["base-files@0", "zlib1g@0"]],
    [
      "a package removed then installed again comes from the later layer",
      [base, upper, "reinstall"],
      ["base-files@0", "libc6@2", "zlib1g@0"],
    ],
  ] as const)("attributes packages to the layer that introduced them: %s", async (_name, layers, expected) => {
    const source = memoryImageSource(await Promise.all(layers.map((l) => (l === "reinstall" ? reinstallLayer() : l))));
    const inventory = await scanImageInventory(source, options());
    const diffIds = inventory.artifact.layers.map((l) => l.diffId);
    expect(summary(inventory.packages, diffIds)).toEqual(expected);
    expect(inventory.artifact.os).toEqual({ family: "debian", version: "12" });
    expect(inventory.packages[0]).toMatchObject({ type: "deb", path: "/var/lib/dpkg/status", ecosystem: "debian:12" });
    expect(inventory.notices).toEqual([]);
  });

  it("does not download cached layers on a second scan", async () => {
    const cache = createMemoryLayerCache();
    const first = memoryImageSource([base, upper]);
    const expected = await scanImageInventory(first, options({ cache }));
    const second = memoryImageSource([base, upper]);
    expect(await scanImageInventory(second, options({ cache }))).toEqual(expected);
    expect(first.opened).toHaveLength(2);
    expect(second.opened).toEqual([]);
    // Cached layers still count toward the uncompressed byte limit.
    const third = memoryImageSource([base, upper]);
    const error = await scanImageInventory(third, options({ cache, limits: { maxUncompressedBytes: 100_000 } })).catch(
      (e: unknown) => e,
    );
    expect(isDomainError(error) && error.code).toBe("image_too_large");
    expect(third.opened).toEqual([]);
  });

  it("reports the failing layer, not the layers it aborted", async () => {
    const source = memoryImageSource([base, base, corrupt, base], 512);
    const error = await scanImageInventory(source, options({ limits: { concurrency: 4 } })).catch((e: unknown) => e);
    expect(isDomainError(error) && error.code).toBe("scan_failed");
    expect((error as Error).message).toContain(sha256Of(corrupt.blob));
  });

  it("refuses images over the layer limit before downloading", async () => {
    const source = memoryImageSource([base, upper]);
    const error = await scanImageInventory(source, options({ limits: { maxLayers: 1 } })).catch((e: unknown) => e);
    expect(isDomainError(error) && error.code).toBe("image_too_large");
    expect(source.opened).toEqual([]);
  });

  it("reports progress up to the totals", async () => {
    const events: WalkProgress[] = [];
    await scanImageInventory(memoryImageSource([base, upper]), options({ onProgress: (p) => events.push(p) }));
    const total = base.blob.length + upper.blob.length;
    expect(events[0]).toEqual({ layersDone: 0, layersTotal: 2, bytesDone: 0, bytesTotal: total });
    expect(events.at(-1)).toEqual({ layersDone: 2, layersTotal: 2, bytesDone: total, bytesTotal: total });
  });

  it("re-runs language catalogers when OS ownership changes, and survives a failing cataloger", async () => {
    const lines = (d: Uint8Array | undefined) => (d ? new TextDecoder().decode(d).split("\n").filter(Boolean) : []);
    const osCataloger: Cataloger = {
      id: "fake-os",
      os: true,
      maxFileSize: 1024,
      wants: (p) => p === "os-db",
      catalog: (view) => ({ packages: [], ownedPaths: lines(view.get("os-db")) }),
    };
    const langCataloger: Cataloger = {
      id: "fake-lang",
      maxFileSize: 1024,
      wants: (p) => p.startsWith("lang/"),
      catalog: (view, { ownedPaths }) => ({
        packages: [...view.paths()]
          .filter((p) => p.startsWith("lang/") && !ownedPaths?.has(p))
          .map((p) => ({ name: p.slice(5), version: "1", type: "npm" as const, path: `/${p}` })),
      }),
    };
    const broken: Cataloger = {
      id: "broken",
      maxFileSize: 1,
      wants: (p) => p === "os-db",
      catalog: () => {
        throw new Error("boom");
      },
    };
    const layers = [await tarLayer({ "lang/a": "", "lang/b": "" }), await tarLayer({ "os-db": "lang/a\n" })];
    const inventory = await scanImageInventory(
      memoryImageSource(layers),
      options({ catalogers: [langCataloger, broken, osCataloger] }),
    );
    expect(inventory.packages.map((p) => p.name)).toEqual(["b"]);
    expect(inventory.notices).toEqual([
      { code: "cataloger_failed", message: "broken cataloger failed: boom", incomplete: true },
    ]);
  });
});
