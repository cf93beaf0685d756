/**
 * Test support (web standards only): tar bytes built field by field, so tests can write the
 * hostile headers a tar library refuses to produce (negative or non-numeric sizes, bad
 * checksums, pax records that lie).
 */

const encoder = new TextEncoder();

export interface RawTarHeader {
  name: string;
  /** A number (written as octal), or the field's raw text (`"-1536"`, `"abc"`), or raw bytes. */
  size?: number | string | Uint8Array;
  /** Typeflag: "0" file (default), "2" symlink, "5" directory, "x" pax, "L" GNU long name, … */
  type?: string;
  linkname?: string;
  /** Replaces the computed checksum field (raw text). */
  checksum?: string;
}

function put(block: Uint8Array, offset: number, length: number, value: string | Uint8Array): void {
  const bytes = typeof value === "string" ? encoder.encode(value) : value;
  block.set(bytes.subarray(0, length), offset);
}

/** One 512-byte ustar header. */
export function tarHeader(h: RawTarHeader): Uint8Array {
  const block = new Uint8Array(512);
  put(block, 0, 100, h.name);
  put(block, 100, 8, "0000644\0");
  put(block, 108, 8, "0000000\0");
  put(block, 116, 8, "0000000\0");
  const size = h.size ?? 0;
  put(block, 124, 12, typeof size === "number" ? `${size.toString(8).padStart(11, "0")}\0` : size);
  put(block, 136, 12, "00000000000\0");
  put(block, 156, 1, h.type ?? "0");
  if (h.linkname) put(block, 157, 100, h.linkname);
  put(block, 257, 8, "ustar\u000000");
  put(block, 148, 8, "        ");
  let sum = 0;
  for (const b of block) sum += b;
  put(block, 148, 8, h.checksum ?? `${sum.toString(8).padStart(6, "0")}\0 `);
  return block;
}

/** `data` padded with zeros to a whole number of 512-byte blocks. */
export function padded(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(Math.ceil(data.length / 512) * 512);
  out.set(data);
  return out;
}

/** A regular file entry: header and padded body. */
export function tarFile(name: string, body: Uint8Array | string): Uint8Array {
  const data = typeof body === "string" ? encoder.encode(body) : body;
  return concatBytes([tarHeader({ name, size: data.length }), padded(data)]);
}

/** A pax extended header (`x`) holding `records` verbatim (`"size=-1536"`, …), length-prefixed. */
export function paxEntry(records: string[], type = "x"): Uint8Array {
  const lines = records.map((record) => {
    const body = ` ${record}\n`;
    let length = body.length + 1;
    while (`${length}${body}`.length !== length) length = `${length}${body}`.length;
    return `${length}${body}`;
  });
  const data = encoder.encode(lines.join(""));
  return concatBytes([tarHeader({ name: "PaxHeaders/x", type, size: data.length }), padded(data)]);
}

/** The end-of-archive marker (two zero blocks). */
export const TAR_END = new Uint8Array(1024);

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
