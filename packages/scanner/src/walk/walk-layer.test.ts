import { isDomainError } from "@regscan/core";
import { packTar } from "modern-tar";
import { describe, expect, it } from "vitest";
import { nodeSha256 } from "../sources/node/node-sha256.js";
import { ByteBudget } from "./byte-budget.js";
import { type Decompressor, webDecompressor } from "./decompressor.js";
import { createFileSelector, type FileWanter } from "./file-selector.js";
import { zlibDecompressor } from "./node/zlib-decompressor.js";
import { webSha256 } from "./sha256.js";
import { layerFixture, memoryImageSource, sha256Of } from "./test-support/memory-image-source.js";
import { type WalkLayerOptions, walkLayer } from "./walk-layer.js";

const BASE_DIFF_ID = "sha256:a6be654cdcac68b657c91d93a043c930835d885e281fe9e40cd6e6516afe51ec";
const wanter: FileWanter = {
  id: "test",
  maxFileSize: 64 * 1024,
  wants: (p) => ["var/lib/dpkg/status", "etc/os-release", "usr/lib/os-release", "usr/bin/tool"].includes(p),
};

function options(decompressor: Decompressor, extra: Partial<WalkLayerOptions> = {}): WalkLayerOptions {
  return {
    selector: createFileSelector([wanter]),
    decompressor,
    sha256: decompressor === webDecompressor ? webSha256 : nodeSha256,
    budget: new ByteBudget(1024 ** 3),
    ...extra,
  };
}

async function walkFixture(name: string, diffId: string, opts: WalkLayerOptions, chunkSize = 4096) {
  const blob = layerFixture(name);
  const source = memoryImageSource([{ blob, diffId }], chunkSize);
  const image = await source.resolve();
  const layer = image.layers[0]!;
  return walkLayer(await source.openBlob(layer), { digest: layer.digest, mediaType: layer.mediaType, diffId }, opts);
}

const decompressors = [
  ["web", webDecompressor],
  ["node:zlib", zlibDecompressor],
] as const;

describe.each(decompressors)("walkLayer with the %s decompressor", (_name, decompressor) => {
  it.each([
    ["plain tar", "base.tar", 4096],
    ["gzip", "base.tar.gz", 4096],
    ["zstd", "base.tar.zst", 4096],
    ["gzip in 7-byte chunks", "base.tar.gz", 7],
    ["gzip in one chunk", "base.tar.gz", 1 << 20],
  ])("keeps only wanted files from a %s layer", async (_case, file, chunkSize) => {
    const result = await walkFixture(file, BASE_DIFF_ID, options(decompressor), chunkSize);
    expect(result.diffId).toBe(BASE_DIFF_ID);
    expect(result.size).toBe(layerFixture("base.tar").length);
    expect([...result.files.keys()].sort()).toEqual(["usr/lib/os-release", "var/lib/dpkg/status"]);
    expect(new TextDecoder().decode(result.files.get("var/lib/dpkg/status"))).toMatch(/^Package: base-files$/m);
    expect([...result.symlinks]).toEqual([["etc/os-release", "../usr/lib/os-release"]]);
    expect(result.notices).toEqual([expect.objectContaining({ code: "file_too_large", path: "/usr/bin/tool" })]);
    expect(result.deletions).toEqual([]);
  });

  it("records whiteouts and opaque directories", async () => {
    const tar = layerFixture("upper-whiteouts.tar");
    const result = await walkFixture("upper-whiteouts.tar", sha256Of(tar), options(decompressor));
    expect(result.deletions).toEqual(["usr/bin/tool"]);
    expect(result.opaqueDirs).toEqual(["opt/app"]);
    expect([...result.files.keys()]).toEqual(["var/lib/dpkg/status"]);
  });

  it("reads a layer whose writer left out the final padding and end-of-archive blocks", async () => {
    const tar = layerFixture("no-end-marker.tar");
    const result = await walkFixture("no-end-marker.tar", sha256Of(tar), options(decompressor));
    expect(result.files.get("var/lib/dpkg/status")?.length).toBe(1637);
  });

  it("reads an empty blob as an empty layer", async () => {
    const result = await walkFixture("empty.tar", sha256Of(new Uint8Array()), options(decompressor));
    expect(result.files.size).toBe(0);
  });

  it.each([
    ["truncated gzip", "truncated.tar.gz", BASE_DIFF_ID],
    ["corrupt deflate data", "corrupt-deflate.tar.gz", BASE_DIFF_ID],
    ["truncated zstd", "truncated.tar.zst", BASE_DIFF_ID],
    ["bad tar header checksum", "bad-checksum.tar", sha256Of(layerFixture("bad-checksum.tar"))],
    ["tar cut inside a file", "truncated-body.tar", sha256Of(layerFixture("truncated-body.tar"))],
    ["diffID mismatch", "base.tar.gz", `sha256:${"1".repeat(64)}`],
  ])("fails with scan_failed naming the layer on %s", async (_case, file, diffId) => {
    const digest = sha256Of(layerFixture(file));
    const error = await walkFixture(file, diffId, options(decompressor)).catch((e: unknown) => e);
    expect(isDomainError(error) && error.code).toBe("scan_failed");
    expect((error as Error).message).toContain(digest);
  });
});

describe("walkLayer over many entries", () => {
  it.each([1024, 65_536, 1 << 20])(
    "keeps wanted files that follow small unwanted ones (%i-byte chunks)",
    async (chunkSize) => {
      // Small unwanted bodies complete in their streams before a big wanted one begins: the shape
      // that made cancelling bodies lose the next entry's data in modern-tar 0.8.
      const entries = [];
      for (let i = 0; i < 40; i++) {
        entries.push({ header: { name: `usr/share/doc/f${i}`, size: 100 + i }, body: "x".repeat(100 + i) });
        entries.push({
          header: { name: `var/lib/dpkg/info/p${i}.list`, size: 30_000 + i },
          body: "y".repeat(30_000 + i),
        });
      }
      const tar = await packTar(entries);
      const selector = createFileSelector([{ id: "t", maxFileSize: 1 << 20, wants: (p) => p.endsWith(".list") }]);
      const source = memoryImageSource([{ blob: tar, mediaType: "application/vnd.oci.image.layer.v1.tar" }], chunkSize);
      const [layer] = (await source.resolve()).layers;
      const result = await walkLayer(
        await source.openBlob(layer!),
        { ...layer!, diffId: sha256Of(tar) },
        options(zlibDecompressor, { selector }),
      );
      expect(result.files.size).toBe(40);
      expect(result.files.get("var/lib/dpkg/info/p39.list")?.length).toBe(30_039);
    },
  );
});

describe("walkLayer limits", () => {
  it("stops with image_too_large past the uncompressed byte budget", async () => {
    const error = await walkFixture(
      "base.tar.gz",
      BASE_DIFF_ID,
      options(zlibDecompressor, { budget: new ByteBudget(100_000) }),
    ).catch((e: unknown) => e);
    expect(isDomainError(error) && error.code).toBe("image_too_large");
  });

  it("stores what the only wanter's reduce returns", async () => {
    const reducing: FileWanter = { ...wanter, reduce: (_p, d) => d.subarray(0, 7) };
    const result = await walkFixture(
      "base.tar",
      BASE_DIFF_ID,
      options(zlibDecompressor, {
        selector: createFileSelector([reducing]),
      }),
    );
    expect(new TextDecoder().decode(result.files.get("var/lib/dpkg/status"))).toBe("Package");
  });

  it("passes the source's own DomainError through unchanged", async () => {
    const failing = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(layerFixture("base.tar.gz").subarray(0, 1000));
        controller.error(
          Object.assign(new Error("digest mismatch"), { name: "DomainError", code: "upstream_unavailable" }),
        );
      },
    });
    const error = await walkLayer(
      failing,
      { digest: "sha256:x", mediaType: "", diffId: BASE_DIFF_ID },
      options(zlibDecompressor),
    ).catch((e: unknown) => e);
    expect(isDomainError(error) && error.code).toBe("upstream_unavailable");
  });
});
