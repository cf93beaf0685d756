/**
 * A push tar reader for the layer walk: chunks in, entries out through a handler, synchronously.
 * No stream, promise or object per entry beyond its header: a body nobody wants is skipped by
 * counting, a wanted one is handed on as views of the input chunks (never copied here). Headers are
 * parsed in place from the chunk (a header split across two chunks is the one copy).
 *
 * Formats: ustar (with its name prefix), GNU long names and link targets (`L`, `K`), pax extended
 * headers (`x`: path, linkpath, size). Like Go's archive/tar, which container runtimes unpack
 * layers with: pax records win over GNU long names, global pax headers (`g`) are read but not
 * applied, and a pax or long-name header holds at most 1 MiB. Strict like the walk has always been:
 * a bad checksum, a malformed number or pax record, a lone zero block, non-zero bytes after the
 * end-of-archive marker, or an archive that ends inside an entry or before its end marker throws
 * a `TarFormatError`.
 */

import { parsePaxRecords, parseTarNumberAt, TarFormatError } from "./tar-fields.js";

export type TarEntryType = "file" | "link" | "symlink" | "character-device" | "block-device" | "directory" | "fifo";

export interface TarEntryHeader {
  /** The entry's name as the archive gives it (pax path, GNU long name, or ustar prefix/name). */
  name: string;
  type: TarEntryType;
  /** Body bytes (0 for every type but `file`). */
  size: number;
  mode: number;
  /** Target of a `link` or `symlink` ("" for other types). */
  linkname: string;
}

/**
 * Receives one entry's body, in order, as views of the input chunks: valid only during `write`
 * (the walk may reuse the input's buffer afterwards), so a sink copies what it keeps.
 */
export interface TarBodySink {
  write(chunk: Uint8Array): void;
  end(): void;
}

/** Called once per entry header; returns where its body goes, or undefined to skip it. */
export type TarEntryHandler = (header: TarEntryHeader) => TarBodySink | undefined;

/** Bytes of one pax or GNU long-name header's data (Go's archive/tar limit). */
export const MAX_TAR_META_BYTES = 1 << 20;

const BLOCK = 512;
const utf8 = new TextDecoder();

/** Typeflags by byte; anything else (`0`, NUL, `7` contiguous, unknown) is a regular file. */
const TYPES: Record<number, TarEntryType | "meta"> = {
  49: "link",
  50: "symlink",
  51: "character-device",
  52: "block-device",
  53: "directory",
  54: "fifo",
  120: "meta", // x: pax
  103: "meta", // g: global pax
  76: "meta", // L: GNU long name
  75: "meta", // K: GNU long link name
};

// Reader states.
const HEADER = 0;
const BODY = 1;
const PADDING = 2;
const META = 3;
/** After one zero block: the next must be zero too (the end-of-archive marker). */
const SECOND_ZERO_BLOCK = 4;
const ENDED = 5;

export class TarReader {
  #state = HEADER;
  /** A header block split across chunks. */
  readonly #block = new Uint8Array(BLOCK);
  #blockFill = 0;
  #remaining = 0;
  #padding = 0;
  #sink: TarBodySink | undefined;
  #meta: { type: number; data: Uint8Array; fill: number } | undefined;
  #longName: string | undefined;
  #longLink: string | undefined;
  #pax: Record<string, string> | undefined;

  constructor(private readonly handler: TarEntryHandler) {}

  /** The next bytes of the archive. Throws TarFormatError on a malformed archive. */
  write(chunk: Uint8Array): void {
    let at = 0;
    const length = chunk.length;
    while (at < length) {
      switch (this.#state) {
        case BODY: {
          const n = Math.min(this.#remaining, length - at);
          this.#sink?.write(at === 0 && n === length ? chunk : chunk.subarray(at, at + n));
          at += n;
          this.#remaining -= n;
          if (this.#remaining === 0) this.#endBody();
          break;
        }
        case PADDING: {
          const n = Math.min(this.#padding, length - at);
          at += n;
          this.#padding -= n;
          if (this.#padding === 0) this.#state = HEADER;
          break;
        }
        case HEADER:
        case SECOND_ZERO_BLOCK: {
          if (this.#blockFill === 0 && length - at >= BLOCK) {
            this.#onBlock(chunk, at);
            at += BLOCK;
            break;
          }
          const n = Math.min(BLOCK - this.#blockFill, length - at);
          this.#block.set(chunk.subarray(at, at + n), this.#blockFill);
          this.#blockFill += n;
          at += n;
          if (this.#blockFill === BLOCK) {
            this.#blockFill = 0;
            this.#onBlock(this.#block, 0);
          }
          break;
        }
        case META: {
          const meta = this.#meta!;
          const n = Math.min(this.#remaining, length - at);
          meta.data.set(chunk.subarray(at, at + n), meta.fill);
          meta.fill += n;
          at += n;
          this.#remaining -= n;
          if (this.#remaining === 0) this.#endMeta(meta);
          break;
        }
        case ENDED:
          for (; at < length; at++) if (chunk[at] !== 0) throw new TarFormatError("has data after its end marker");
          break;
      }
    }
  }

  /** The archive ended: throws unless it ended with its end-of-archive marker. */
  end(): void {
    if (this.#state !== ENDED) throw new TarFormatError("is truncated");
  }

  #onBlock(block: Uint8Array, at: number): void {
    if (isZeroBlock(block, at)) {
      if (this.#state === SECOND_ZERO_BLOCK) this.#state = ENDED;
      else this.#state = SECOND_ZERO_BLOCK;
      return;
    }
    if (this.#state === SECOND_ZERO_BLOCK) throw new TarFormatError("has a zero block followed by a header");
    this.#header(block, at);
  }

  #header(block: Uint8Array, at: number): void {
    const stored = number(block, at + 148, 8, "checksum");
    if (!checksumOk(block, at, stored)) throw new TarFormatError("has a header with a wrong checksum");
    const flag = block[at + 156]!;
    const kind = TYPES[flag] ?? "file";
    const size = number(block, at + 124, 12, "size");
    if (kind === "meta") {
      if (size > MAX_TAR_META_BYTES)
        throw new TarFormatError(`has a ${size}-byte extended header, over the ${MAX_TAR_META_BYTES}-byte limit`);
      this.#padding = -size & (BLOCK - 1);
      this.#meta = { type: flag, data: new Uint8Array(size), fill: 0 };
      this.#remaining = size;
      if (size === 0) this.#endMeta(this.#meta);
      else this.#state = META;
      return;
    }
    const pax = this.#pax;
    let name = pax?.path ?? this.#longName;
    if (name === undefined) {
      name = text(block, at, 100);
      // ustar (magic "ustar\0"; GNU's "ustar  " uses these bytes otherwise) may put a prefix.
      if (isUstar(block, at) && block[at + 345] !== 0) name = `${text(block, at + 345, 155)}/${name}`;
    }
    const type = kind;
    let bodySize = size;
    if (pax?.size !== undefined) {
      if (!/^\d{1,16}$/.test(pax.size) || !Number.isSafeInteger(Number(pax.size)))
        throw new TarFormatError(`has a pax size ${JSON.stringify(pax.size.slice(0, 32))} that is not a byte count`);
      bodySize = Number(pax.size);
    }
    let linkname = "";
    if (type === "link" || type === "symlink") linkname = pax?.linkpath ?? this.#longLink ?? text(block, at + 157, 100);
    const header: TarEntryHeader = { name, type, size: 0, mode: number(block, at + 100, 8, "mode"), linkname };
    // Only regular files have bodies; a regular file whose name ends in "/" is an old-style
    // directory, its body (if any) skipped.
    let skipBody = false;
    if (type === "file") {
      if (name.endsWith("/")) {
        header.type = "directory";
        skipBody = true;
      } else header.size = bodySize;
    } else bodySize = 0;
    this.#longName = this.#longLink = this.#pax = undefined;
    this.#remaining = bodySize;
    this.#padding = -bodySize & (BLOCK - 1);
    const sink = this.handler(header);
    this.#sink = skipBody ? undefined : sink;
    if (bodySize === 0) this.#endBody();
    else this.#state = BODY;
  }

  #endBody(): void {
    const sink = this.#sink;
    this.#sink = undefined;
    sink?.end();
    this.#state = this.#padding === 0 ? HEADER : PADDING;
  }

  #endMeta(meta: { type: number; data: Uint8Array }): void {
    this.#meta = undefined;
    this.#state = this.#padding === 0 ? HEADER : PADDING;
    if (meta.type === 0x4c) this.#longName = text(meta.data, 0, meta.data.length);
    else if (meta.type === 0x4b) this.#longLink = text(meta.data, 0, meta.data.length);
    else {
      const records = parsePaxRecords(meta.data);
      if (meta.type === 0x78) this.#pax = { ...this.#pax, ...records };
    }
  }
}

function number(block: Uint8Array, at: number, length: number, what: string): number {
  try {
    return parseTarNumberAt(block, at, length);
  } catch (error) {
    if (error instanceof TarFormatError) throw new TarFormatError(`has a header whose ${what} ${error.message}`);
    throw error;
  }
}

function checksumOk(block: Uint8Array, at: number, stored: number): boolean {
  // The checksum field itself counts as eight spaces.
  let unsigned = 8 * 32;
  for (let i = at; i < at + 148; i++) unsigned += block[i]!;
  for (let i = at + 156; i < at + BLOCK; i++) unsigned += block[i]!;
  if (stored === unsigned) return true;
  // Some old writers summed signed bytes; both are accepted, as GNU tar and Go do.
  let signed = unsigned;
  for (let i = at; i < at + BLOCK; i++) if (block[i]! > 127 && (i < at + 148 || i >= at + 156)) signed -= 256;
  return stored === signed;
}

function isZeroBlock(block: Uint8Array, at: number): boolean {
  for (let i = at; i < at + BLOCK; i++) if (block[i] !== 0) return false;
  return true;
}

function isUstar(block: Uint8Array, at: number): boolean {
  return (
    block[at + 257] === 0x75 &&
    block[at + 258] === 0x73 &&
    block[at + 259] === 0x74 &&
    block[at + 260] === 0x61 &&
    block[at + 261] === 0x72 &&
    block[at + 262] === 0
  );
}

/** A NUL-terminated field: ASCII decoded in place, anything else as UTF-8. */
function text(block: Uint8Array, at: number, length: number): string {
  let end = at;
  let ascii = true;
  for (; end < at + length; end++) {
    const b = block[end]!;
    if (b === 0) break;
    if (b > 0x7f) ascii = false;
  }
  if (!ascii || end - at > 64) return utf8.decode(block.subarray(at, end));
  let s = "";
  for (let i = at; i < end; i++) s += String.fromCharCode(block[i]!);
  return s;
}
