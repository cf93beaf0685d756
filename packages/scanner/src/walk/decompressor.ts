/**
 * The decompression port. The layer walk hands it the compressed bytes of a layer and reads the
 * tar bytes back. Runtimes differ a lot here (see README "Performance"): Node's `node:zlib` runs
 * on the libuv thread pool and is about twice as fast as GNU gzip, while Node 20's
 * `DecompressionStream` is half as fast and buffers, so the Node entry injects its own.
 */

import { iterateStream, toReadableStream } from "./streams.js";
import { zstdDecompress } from "./zstd-decompress.js";

export type Compression = "gzip" | "zstd" | "none";

export interface DecompressOptions {
  /**
   * Called with extra bytes to count against the uncompressed budget when decoding costs more
   * than the output shows (zstd streams of tiny blocks; see zstd-decompress.ts). May throw to
   * stop the stream.
   */
  charge?: (bytes: number) => void;
}

/**
 * Turns a compressed byte stream into the uncompressed one, in chunks of at most a few MiB
 * whatever the compression ratio, pulling input only as output is consumed. Errors surface while
 * iterating.
 */
export interface Decompressor {
  decompress(
    compression: "gzip" | "zstd",
    input: AsyncIterable<Uint8Array>,
    options?: DecompressOptions,
  ): AsyncIterable<Uint8Array>;
}

/**
 * Web-standard decompressor (Workers, browsers, Deno): gzip through `DecompressionStream`, zstd
 * through fzstd's streaming decoder (pure JS; no runtime ships zstd in web streams).
 */
export const webDecompressor: Decompressor = {
  decompress(compression, input, options) {
    if (compression === "zstd") return zstdDecompress(input, options);
    const output = toReadableStream(input).pipeThrough(
      new DecompressionStream("gzip") as unknown as ReadableWritablePair<Uint8Array, Uint8Array>,
    );
    return iterateStream(output);
  },
};
