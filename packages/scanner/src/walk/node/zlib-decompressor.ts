/**
 * Node decompressor: gzip through `node:zlib`, which inflates on the libuv thread pool (off the
 * main thread, so concurrent layers use several cores) and, with 1 MiB output chunks, runs about
 * twice as fast as GNU gzip. Node 20's `DecompressionStream` is half as fast and buffers.
 * zstd stays on fzstd (Node 20's zlib has no zstd).
 */

import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGunzip } from "node:zlib";
import type { Decompressor } from "../decompressor.js";
import { zstdDecompress } from "../zstd-decompress.js";

const CHUNK_SIZE = 1 << 20;

export const zlibDecompressor: Decompressor = {
  decompress(compression, input, options) {
    if (compression === "zstd") return zstdDecompress(input, options);
    return gunzip(input);
  },
};

async function* gunzip(input: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  const inflate = createGunzip({ chunkSize: CHUNK_SIZE });
  const piping = pipeline(Readable.from(input, { objectMode: false }), inflate).catch((error: unknown) => {
    inflate.destroy(error instanceof Error ? error : new Error(String(error)));
  });
  try {
    for await (const chunk of inflate) yield chunk as Uint8Array;
  } finally {
    inflate.destroy();
    await piping;
  }
}
