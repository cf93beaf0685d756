import type { Compression } from "./decompressor.js";

/**
 * Detects a layer's compression from its first bytes (gzip 1f 8b, zstd 28 b5 2f fd), falling back
 * to the media type. Magic bytes win: docker-archive tarballs and some registries label layers
 * loosely, and the bytes cannot lie.
 */
export function detectCompression(mediaType: string, head: Uint8Array): Compression {
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) return "gzip";
  if (head.length >= 4 && head[0] === 0x28 && head[1] === 0xb5 && head[2] === 0x2f && head[3] === 0xfd) return "zstd";
  if (head.length >= 4 || head.length === 0) return "none";
  // Too short to tell (a tiny blob): trust the media type; a tiny gzip is corrupt anyway.
  if (/gzip/.test(mediaType)) return "gzip";
  if (/zstd/.test(mediaType)) return "zstd";
  return "none";
}
