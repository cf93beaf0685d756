/** Test support (Node only): an ImageSource over in-memory layer blobs, counting blob fetches. */

import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type ChunkedImageSource, chunkedImageSource } from "./chunked-image-source.js";

/** Bytes of `test/fixtures/layers/<name>`. */
export function layerFixture(name: string): Uint8Array {
  return readFileSync(fileURLToPath(new URL(`../../../test/fixtures/layers/${name}`, import.meta.url)));
}

export function sha256Of(data: Uint8Array): string {
  return `sha256:${createHash("sha256").update(data).digest("hex")}`;
}

export interface TestLayer {
  /** Blob as stored (compressed or not). */
  blob: Uint8Array;
  /** diffID the config claims; default: sha256 of `tar` (or of `blob` when uncompressed). */
  diffId?: string;
  /** The uncompressed tar, to compute the default diffID. */
  tar?: Uint8Array;
  mediaType?: string;
}

export type MemoryImageSource = ChunkedImageSource;

/** Serves `layers` in chunks of `chunkSize` bytes (small chunks exercise the stream edges). */
export function memoryImageSource(layers: TestLayer[], chunkSize = 4096): MemoryImageSource {
  return chunkedImageSource(
    layers.map((l) => ({
      blob: l.blob,
      digest: sha256Of(l.blob),
      diffId: l.diffId ?? sha256Of(l.tar ?? l.blob),
      mediaType: l.mediaType ?? "application/vnd.oci.image.layer.v1.tar+gzip",
    })),
    { ref: "memory:test", chunkSize },
  );
}
