/**
 * Test support (web standards only, runs in workerd): an ImageSource over in-memory layer blobs,
 * served in small chunks. The Node tests' `memory-image-source.ts` reads files with `node:fs`;
 * this one takes the bytes and hashes them with Web Crypto.
 */

import type { ImageSource, LayerDescriptor, ResolvedImage } from "../../src/index.js";

/** `sha256:<hex>` of `data`, by Web Crypto (independent of the scanner's own SHA-256). */
export async function sha256Of(data: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new Uint8Array(data)));
  return `sha256:${[...digest].map((b) => b.toString(16).padStart(2, "0")).join("")}`;
}

export interface WebTestLayer {
  /** Blob as stored (compressed or not). */
  blob: Uint8Array;
  /** diffID the config claims. */
  diffId: string;
  mediaType: string;
}

/** Serves `layers` as one linux/amd64 image, `chunkSize` bytes per stream chunk. */
export async function webMemorySource(layers: WebTestLayer[], chunkSize = 4096): Promise<ImageSource> {
  const descriptors: LayerDescriptor[] = await Promise.all(
    layers.map(async (l) => ({ mediaType: l.mediaType, digest: await sha256Of(l.blob), size: l.blob.length })),
  );
  const image: ResolvedImage = {
    ref: "memory:workers-test",
    manifestDigest: `sha256:${"0".repeat(64)}`,
    platform: { os: "linux", architecture: "amd64" },
    config: { rootfs: { type: "layers", diff_ids: layers.map((l) => l.diffId) } },
    layers: descriptors,
  };
  return {
    resolve: async () => image,
    openBlob: async (layer) => {
      const blob = layers[descriptors.findIndex((d) => d.digest === layer.digest)]!.blob;
      let offset = 0;
      return new ReadableStream<Uint8Array>({
        pull(controller) {
          if (offset >= blob.length) return controller.close();
          controller.enqueue(blob.slice(offset, offset + chunkSize));
          offset += chunkSize;
        },
      });
    },
  };
}
