/** Test support (Node only): an ImageSource over in-memory layer blobs, counting blob fetches. */

import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { ImageSource, LayerDescriptor, ResolvedImage } from "../../sources/image-source.js";

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

export interface MemoryImageSource extends ImageSource {
  /** Digests of the blobs opened, in order. */
  readonly opened: string[];
}

/** Serves `layers` in chunks of `chunkSize` bytes (small chunks exercise the stream edges). */
export function memoryImageSource(layers: TestLayer[], chunkSize = 4096): MemoryImageSource {
  const descriptors: LayerDescriptor[] = layers.map((l) => ({
    mediaType: l.mediaType ?? "application/vnd.oci.image.layer.v1.tar+gzip",
    digest: sha256Of(l.blob),
    size: l.blob.length,
  }));
  const image: ResolvedImage = {
    ref: "memory:test",
    manifestDigest: `sha256:${"0".repeat(64)}`,
    platform: { os: "linux", architecture: "amd64" },
    config: { rootfs: { type: "layers", diff_ids: layers.map((l) => l.diffId ?? sha256Of(l.tar ?? l.blob)) } },
    layers: descriptors,
  };
  const opened: string[] = [];
  return {
    opened,
    resolve: async () => image,
    openBlob: async (layer) => {
      opened.push(layer.digest);
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
