/**
 * Test support (web standards only, runs in workerd): an ImageSource over in-memory layer blobs,
 * served in small chunks. Like the Node tests' `memory-image-source.ts`, but it hashes with Web
 * Crypto (the Node one uses `node:crypto` and reads fixtures with `node:fs`).
 */

import type { ImageSource } from "../../src/index.js";
import { chunkedImageSource } from "../../src/walk/test-support/chunked-image-source.js";

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
  const hashed = await Promise.all(layers.map(async (l) => ({ ...l, digest: await sha256Of(l.blob) })));
  return chunkedImageSource(hashed, { ref: "memory:workers-test", chunkSize });
}
