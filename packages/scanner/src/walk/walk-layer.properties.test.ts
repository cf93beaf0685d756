import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { nodeSha256 } from "../sources/node/node-sha256.js";
import { ByteBudget } from "./byte-budget.js";
import { webDecompressor } from "./decompressor.js";
import { createFileSelector } from "./file-selector.js";
import { zlibDecompressor } from "./node/zlib-decompressor.js";
import { endsBoundedly, mutationsOf, PROPERTY_SEED } from "./test-support/byte-mutations.js";
import { layerFixture, memoryImageSource, sha256Of } from "./test-support/memory-image-source.js";
import { walkLayer } from "./walk-layer.js";

const selector = createFileSelector([
  { id: "t", maxFileSize: 1 << 20, wants: (p) => p.endsWith("status") || p.endsWith("os-release") },
]);

async function walk(blob: Uint8Array, web: boolean) {
  const source = memoryImageSource([{ blob, diffId: sha256Of(blob) }], 1500);
  const [layer] = (await source.resolve()).layers;
  return walkLayer(
    await source.openBlob(layer!),
    { ...layer!, diffId: sha256Of(blob) },
    {
      selector,
      decompressor: web ? webDecompressor : zlibDecompressor,
      sha256: nodeSha256,
      budget: new ByteBudget(256 * 1024 * 1024),
    },
  );
}

describe.each(["base.tar", "base.tar.gz", "base.tar.zst"])("walkLayer on random and damaged %s", (fixture) => {
  it.each([false, true])(
    "ends with a DomainError or a result, boundedly (web decompressor: %s)",
    async (web) => {
      const baseline = process.memoryUsage().arrayBuffers;
      await fc.assert(
        fc.asyncProperty(mutationsOf(layerFixture(fixture)), async (blob) => {
          const outcome = await endsBoundedly(() => walk(blob, web));
          expect(["result", "scan_failed", "image_too_large", "image_unsupported"]).toContain(outcome);
          expect(process.memoryUsage().arrayBuffers - baseline).toBeLessThan(512 * 1024 * 1024);
        }),
        { seed: PROPERTY_SEED, numRuns: 60 },
      );
    },
    120_000,
  );
});
