/** Strict parsers for tar header fields (POSIX ustar, GNU base-256, pax records). */

export class TarFormatError extends Error {}

const MAX_PAX_RECORDS = 1024;

/**
 * A numeric header field: octal digits, optionally led by spaces and ended by NUL or space (the
 * POSIX form), or GNU base-256 (first byte 0x80). Negative base-256 values, other characters and
 * values past 2^53 are refused.
 */
export function parseTarNumber(field: Uint8Array): number {
  return parseTarNumberAt(field, 0, field.length);
}

/** `parseTarNumber` of the `length` bytes of `block` at `start`, without a subarray. */
export function parseTarNumberAt(block: Uint8Array, start: number, length: number): number {
  const end = start + length;
  const first = block[start] ?? 0;
  if (first & 0x80) {
    if (first !== 0x80) throw new TarFormatError("is a negative base-256 number");
    let n = 0;
    for (let i = start + 1; i < end; i++) n = n * 256 + (block[i] ?? 0);
    if (!Number.isSafeInteger(n)) throw new TarFormatError("is too large");
    return n;
  }
  let i = start;
  while (i < end && block[i] === 0x20) i++;
  let n = 0;
  for (; i < end; i++) {
    const b = block[i]!;
    if (b === 0 || b === 0x20) break;
    if (b < 0x30 || b > 0x37)
      throw new TarFormatError(`holds ${JSON.stringify(String.fromCharCode(b))}, not an octal digit`);
    n = n * 8 + (b - 0x30);
  }
  for (; i < end; i++) {
    if (block[i] !== 0 && block[i] !== 0x20) throw new TarFormatError("has characters after its terminator");
  }
  if (!Number.isSafeInteger(n)) throw new TarFormatError("is too large");
  return n;
}

/**
 * Pax extended header records, `"<length> <key>=<value>\n"` each, where `length` counts the whole
 * record in bytes. A record whose length is not a decimal number, points past the data or does
 * not end in a newline is refused.
 */
export function parsePaxRecords(data: Uint8Array): Record<string, string> {
  const out: Record<string, string> = {};
  const decoder = new TextDecoder();
  let at = 0;
  let count = 0;
  while (at < data.length) {
    if (data[at] === 0) break; // zero padding after the last record
    if (++count > MAX_PAX_RECORDS) throw new TarFormatError(`has more than ${MAX_PAX_RECORDS} records`);
    let length = 0;
    let i = at;
    for (; i < data.length && data[i] !== 0x20; i++) {
      const b = data[i]!;
      if (b < 0x30 || b > 0x39 || i - at > 8) throw new TarFormatError(`record at byte ${at} has no valid length`);
      length = length * 10 + (b - 0x30);
    }
    if (i === at || i >= data.length) throw new TarFormatError(`record at byte ${at} has no valid length`);
    const end = at + length;
    if (length <= i - at + 1 || end > data.length || data[end - 1] !== 0x0a)
      throw new TarFormatError(`record at byte ${at} has a wrong length (${length})`);
    const record = decoder.decode(data.subarray(i + 1, end - 1));
    const eq = record.indexOf("=");
    if (eq <= 0) throw new TarFormatError(`record at byte ${at} has no key`);
    out[record.slice(0, eq)] = record.slice(eq + 1);
    at = end;
  }
  return out;
}
