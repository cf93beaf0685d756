import { packTar } from "modern-tar";
import { describe, expect, it } from "vitest";
import { nodeSha256 } from "../sources/node/node-sha256.js";
import { createFileSelector } from "./file-selector.js";
import { createMemoryLayerCache } from "./layer-cache.js";
import { DEFAULT_WALK_LIMITS, type LayerFiles } from "./layer-files.js";
import { zlibDecompressor } from "./node/zlib-decompressor.js";
import { memoryImageSource } from "./test-support/memory-image-source.js";
import { walkImageLayers } from "./walk-image-layers.js";

const MiB = 1024 * 1024;
const selector = createFileSelector([{ id: "npm", maxFileSize: 8 * MiB, wants: (p) => p.endsWith("package.json") }]);

async function layerOf(prefix: string, files: number, size: number) {
  const entries = Array.from({ length: files }, (_, i) => ({
    header: { name: `${prefix}/p${i}/package.json`, size },
    body: new Uint8Array(size).fill(32),
  }));
  const tar = await packTar(entries);
  return { blob: tar, mediaType: "application/vnd.oci.image.layer.v1.tar" };
}

async function walk(layers: Awaited<ReturnType<typeof layerOf>>[], limits: Partial<typeof DEFAULT_WALK_LIMITS>) {
  const source = memoryImageSource(layers, 1 << 20);
  const cache = createMemoryLayerCache();
  const out: LayerFiles[] = [];
  for await (const files of walkImageLayers(source, await source.resolve(), {
    selector,
    decompressor: zlibDecompressor,
    sha256: nodeSha256,
    cache,
    limits: { ...DEFAULT_WALK_LIMITS, concurrency: 1, ...limits },
  }))
    out.push(files);
  return { layers: out, cache };
}

describe("kept-bytes budgets", () => {
  it("skips wanted files past the per-layer budget with incomplete notices, naming 20 and counting the rest", async () => {
    const { layers, cache } = await walk([await layerOf("a", 30, MiB)], { maxKeptBytesPerLayer: 5 * MiB });
    const [layer] = layers;
    expect(layer!.files.size).toBe(5);
    const skipped = layer!.notices.filter((n) => n.code === "kept_bytes_exceeded");
    expect(skipped).toHaveLength(21);
    expect(skipped.every((n) => n.incomplete === true)).toBe(true);
    expect(skipped[0]!.message).toContain("5.0 MiB kept per layer");
    expect(skipped[20]!.message).toMatch(/^5 more wanted files were skipped \(25 in all, 25\.0 MiB\)/);
    // Cut by its own limit: the same in any image, so cached.
    expect(cache.size).toBe(1);
  });

  it("shares the per-image budget between layers and does not cache a layer it cut", async () => {
    const { layers, cache } = await walk([await layerOf("a", 3, MiB), await layerOf("b", 3, MiB)], {
      maxKeptBytesPerLayer: 8 * MiB,
      maxKeptBytes: 4 * MiB,
    });
    expect(layers.map((l) => l.files.size)).toEqual([3, 1]);
    expect(layers[1]!.notices).toEqual([
      expect.objectContaining({
        code: "kept_bytes_exceeded",
        incomplete: true,
        message: expect.stringContaining("4.0 MiB kept per image"),
      }),
      expect.objectContaining({ code: "kept_bytes_exceeded", incomplete: true }),
    ]);
    expect(cache.size).toBe(1);
  });

  it("marks a wanted file over its size cap as incomplete", async () => {
    const { layers } = await walk([await layerOf("a", 1, 9 * MiB)], {});
    expect(layers[0]!.notices).toEqual([expect.objectContaining({ code: "file_too_large", incomplete: true })]);
  });
});
