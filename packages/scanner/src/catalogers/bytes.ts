/** Small byte helpers shared by the binary-format readers (Go build info, ZIP). */

/** True when `pattern` occurs in `bytes` at `i` (false when it would run past the end). */
export function matches(bytes: Uint8Array, i: number, pattern: ArrayLike<number>): boolean {
  if (i < 0 || i + pattern.length > bytes.length) return false;
  for (let j = 0; j < pattern.length; j++) if (bytes[i + j] !== pattern[j]) return false;
  return true;
}

/** The first index of `pattern` in `bytes` at or after `from`, or -1. */
export function indexOf(bytes: Uint8Array, pattern: Uint8Array, from: number): number {
  for (let i = bytes.indexOf(pattern[0]!, from); i >= 0; i = bytes.indexOf(pattern[0]!, i + 1)) {
    if (matches(bytes, i, pattern)) return i;
  }
  return -1;
}

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export function hex(text: string): Uint8Array {
  return Uint8Array.from(text.match(/../g) ?? [], (h) => Number.parseInt(h, 16));
}

/** Go's binary.Uvarint: at most 10 bytes; undefined when cut short or over 2^53. */
export function uvarint(bytes: Uint8Array): { value: number; size: number } | undefined {
  let value = 0;
  let scale = 1;
  for (let i = 0; i < Math.min(bytes.length, 10); i++) {
    const b = bytes[i]!;
    value += (b & 0x7f) * scale;
    if (value > Number.MAX_SAFE_INTEGER) return undefined;
    if ((b & 0x80) === 0) return { value, size: i + 1 };
    scale *= 128;
  }
  return undefined;
}

/** Little-endian unsigned reads that treat bytes past the end as 0. */
export const u16le = (b: Uint8Array, at: number) => (b[at] ?? 0) | ((b[at + 1] ?? 0) << 8);
export const u32le = (b: Uint8Array, at: number) => (u16le(b, at) | (u16le(b, at + 2) << 16)) >>> 0;
