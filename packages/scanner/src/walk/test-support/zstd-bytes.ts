/**
 * Test support (web standards only): zstd frames written block by block (RFC 8878), to build
 * decompression bombs (RLE blocks: 4 bytes regenerate 128 KiB) and other hostile streams
 * without a zstd encoder.
 */
import { concatBytes } from "./tar-bytes.js";

export type ZstdBlock = { raw: Uint8Array } | { rle: number; size: number };

/** One frame without checksum or content size; `windowLog` 10–41 (the window is 2^windowLog). */
export function zstdFrame(windowLog: number, blocks: readonly ZstdBlock[]): Uint8Array {
  const parts: Uint8Array[] = [new Uint8Array([0x28, 0xb5, 0x2f, 0xfd, 0x00, (windowLog - 10) << 3])];
  blocks.forEach((block, i) => {
    const last = i === blocks.length - 1 ? 1 : 0;
    const [type, size, body] =
      "raw" in block ? [0, block.raw.length, block.raw] : [1, block.size, new Uint8Array([block.rle])];
    const header = (size << 3) | (type << 1) | last;
    parts.push(new Uint8Array([header & 0xff, (header >> 8) & 0xff, (header >> 16) & 0xff]), body);
  });
  return concatBytes(parts);
}

/** `count` RLE blocks of `size` bytes of `byte` each (128 KiB max per block). */
export function rleBlocks(count: number, size = 128 * 1024, byte = 0): ZstdBlock[] {
  return Array.from({ length: count }, () => ({ rle: byte, size }));
}

/** Raw blocks carrying `data` (split at 128 KiB). */
export function rawBlocks(data: Uint8Array): ZstdBlock[] {
  const blocks: ZstdBlock[] = [];
  for (let at = 0; at < data.length; at += 128 * 1024) blocks.push({ raw: data.subarray(at, at + 128 * 1024) });
  return blocks;
}
