import { isDomainError } from "@regscan/core";
import { packTar } from "modern-tar";
import { describe, expect, it } from "vitest";
import { nodeSha256 } from "../sources/node/node-sha256.js";
import { createFileSelector } from "./file-selector.js";
import { noLayerCache } from "./layer-cache.js";
import { DEFAULT_WALK_LIMITS, type LayerFiles } from "./layer-files.js";
import { zlibDecompressor } from "./node/zlib-decompressor.js";
import { memoryImageSource, sha256Of } from "./test-support/memory-image-source.js";
import { walkImageLayers } from "./walk-image-layers.js";

const TAR = "application/vnd.oci.image.layer.v1.tar";
const selector = createFileSelector([{ id: "t", maxFileSize: 1 << 20, wants: (p) => p.endsWith("/id") }]);

async function layer(name: string, padding: number) {
  const tar = await packTar([
    { header: { name: `${name}/id`, size: name.length }, body: name },
    { header: { name: `${name}/padding`, size: padding }, body: new Uint8Array(padding) },
  ]);
  return { blob: tar, mediaType: TAR };
}

async function walkAll(source: ReturnType<typeof memoryImageSource>, concurrency: number) {
  const out: LayerFiles[] = [];
  for await (const files of walkImageLayers(source, await source.resolve(), {
    selector,
    decompressor: zlibDecompressor,
    sha256: nodeSha256,
    cache: noLayerCache,
    limits: { ...DEFAULT_WALK_LIMITS, concurrency },
  }))
    out.push(files);
  return out;
}

describe("walkImageLayers scheduling", () => {
  it.each([1, 2])("starts the largest layers first and yields them in layer order (concurrency %i)", async (n) => {
    const layers = [await layer("small", 1000), await layer("medium", 50_000), await layer("large", 400_000)];
    const source = memoryImageSource(layers, 8192);
    const out = await walkAll(source, n);
    expect(out.map((l) => new TextDecoder().decode([...l.files.values()][0]))).toEqual(["small", "medium", "large"]);
    expect(out.map((l) => l.diffId)).toEqual(layers.map((l) => sha256Of(l.blob)));
    expect(source.opened).toEqual([2, 1, 0].map((i) => sha256Of(layers[i]!.blob)));
  });

  it("fails with the failing layer's error, also when layers below it never started", async () => {
    const good = await layer("good", 1000);
    const bad = { ...(await layer("bad", 400_000)), diffId: `sha256:${"1".repeat(64)}` };
    const source = memoryImageSource([good, good, bad], 8192);
    const error = await walkAll(source, 1).catch((e: unknown) => e);
    expect(isDomainError(error) && error.code).toBe("scan_failed");
    expect((error as Error).message).toContain("does not match the image config");
    // The large bad layer ran first; the others were never opened.
    expect(source.opened).toEqual([sha256Of(bad.blob)]);
  });
});
