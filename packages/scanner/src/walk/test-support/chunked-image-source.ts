/**
 * Test support (web standards only: runs on Node and in workerd): a linux/amd64 ImageSource over
 * layer blobs held in memory, streamed in chunks of `chunkSize` bytes (small chunks exercise the
 * stream edges), recording which blobs were opened.
 */
import type { ImageSource, LayerDescriptor, ResolvedImage } from "../../sources/image-source.js";

export interface ChunkedLayer {
  /** Blob as stored (compressed or not). */
  blob: Uint8Array;
  /** `sha256:` digest of `blob`. */
  digest: string;
  /** diffID the config claims. */
  diffId: string;
  mediaType: string;
}

export interface ChunkedImageSource extends ImageSource {
  /** Digests of the blobs opened, in order. */
  readonly opened: string[];
}

export function chunkedImageSource(
  layers: readonly ChunkedLayer[],
  options: { ref: string; chunkSize: number },
): ChunkedImageSource {
  const descriptors: LayerDescriptor[] = layers.map((l) => ({
    mediaType: l.mediaType,
    digest: l.digest,
    size: l.blob.length,
  }));
  const image: ResolvedImage = {
    ref: options.ref,
    manifestDigest: `sha256:${"0".repeat(64)}`,
    platform: { os: "linux", architecture: "amd64" },
    config: { rootfs: { type: "layers", diff_ids: layers.map((l) => l.diffId) } },
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
          controller.enqueue(blob.slice(offset, offset + options.chunkSize));
          offset += options.chunkSize;
        },
      });
    },
  };
}
