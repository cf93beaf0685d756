/**
 * The decompression port. The layer walk hands it the compressed bytes of a layer and reads the
 * tar bytes back. Runtimes differ a lot here (see README "Performance"): Node's `node:zlib` runs
 * on the libuv thread pool and is about twice as fast as GNU gzip, while Node 20's
 * `DecompressionStream` is half as fast and buffers, so the Node entry injects its own.
 */

import { Gunzip } from "fflate";
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
  /**
   * Optional: decompresses and also computes the SHA-256 of the output (the layer's diffID), for
   * adapters that can do both away from the caller's thread. The walk then skips its own hashing.
   * Returns undefined for a compression it does not handle this way.
   */
  decompressHashed?(
    compression: "gzip" | "zstd",
    input: AsyncIterable<Uint8Array>,
    options?: DecompressOptions,
  ): HashedOutput | undefined;
}

/** Uncompressed bytes whose digest the decompressor computed. */
export interface HashedOutput {
  /**
   * The uncompressed bytes in order. A chunk is only valid until the next one is asked for (it may
   * be a view of a reused buffer): whoever needs bytes later copies them.
   */
  chunks: AsyncIterable<Uint8Array>;
  /** `sha256:<hex>` of all the bytes `chunks` gave; only after it ended. */
  digest(): string;
}

/**
 * Web-standard decompressor (Workers, browsers, Deno): gzip through fflate's streaming inflater,
 * zstd through fzstd's streaming decoder (pure JS both).
 *
 * Not `DecompressionStream` for gzip: in workerd it inflates whatever it is written at once and
 * keeps writing ahead of a slower reader, so a layer's output piles up in memory (a 320 MiB layer
 * grew the process by more than 500 MiB; an isolate has 128 MB). Here the input goes in
 * {@link GZIP_INPUT_SLICE} bytes at a time, and the next slice only once the consumer has taken
 * the output of the last: deflate expands at most ~1032:1, so at most ~4 MiB is ever waiting,
 * whatever the layer's size or compression ratio (a gzip bomb included).
 */
export const webDecompressor: Decompressor = {
  decompress(compression, input, options) {
    if (compression === "zstd") return zstdDecompress(input, options);
    return gunzip(input);
  },
};

/** Compressed bytes inflated at a time. */
export const GZIP_INPUT_SLICE = 4 * 1024;

async function* gunzip(input: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  let ready: Uint8Array[] = [];
  const inflater = new Gunzip((chunk) => void ready.push(chunk));
  for await (const chunk of input) {
    for (let offset = 0; offset < chunk.length; offset += GZIP_INPUT_SLICE) {
      inflater.push(chunk.subarray(offset, offset + GZIP_INPUT_SLICE));
      if (ready.length > 0) {
        const out = ready;
        ready = [];
        yield* out;
      }
    }
  }
  // The last push says the input ended: a truncated stream throws here.
  inflater.push(new Uint8Array(0), true);
  yield* ready;
}
