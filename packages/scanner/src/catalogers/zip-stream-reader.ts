/**
 * A ZIP reader that works on the bytes as they stream by, front to back, from the local file
 * headers (the central directory, at the end, is never needed): a layer streams, and a nested
 * archive arrives as the inflated bytes of its entry, so neither can be seeked. Only entries a
 * caller asks for are inflated (fflate's streaming `Inflate`); the others are skipped by size.
 *
 * Entries written with a data descriptor (bit 3: sizes unknown in the local header, as the JDK's
 * `jar` writes every deflated entry) end where a descriptor whose compressed size equals the
 * bytes since the entry's data began is followed by the next header's signature; that check is
 * exact for real archives, and a hostile one can only mislead its own parse. Limits: the prefix
 * before the first header (launch scripts of executable jars), the entry count and the inflated
 * bytes (a shared budget, so nested archives count too) and the inflation ratio of each entry.
 * Problems are reported, never thrown.
 */

import { concat as join, u16le as u16, u32le as u32 } from "./bytes.js";
import { type ZipBudget, type ZipEntryConsumer, ZipEntryInflater } from "./zip-entry-inflater.js";

export type { ZipBudget, ZipEntryConsumer } from "./zip-entry-inflater.js";

export interface ZipEntryHeader {
  name: string;
  method: number;
  /** Compressed size, when the local header gives it. */
  compressedSize: number | undefined;
}

export interface ZipReaderEvents {
  /** A consumer to inflate the entry into, or undefined to skip it unread. */
  onEntry(entry: ZipEntryHeader): ZipEntryConsumer | undefined;
  onProblem(message: string): void;
}

const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const END = 0x06054b50;
const END64 = 0x06064b50;
const DESCRIPTOR = 0x08074b50;
/** Hold-back while looking for a data descriptor: the largest one (24) + the next signature (4). */
const HOLD = 28;

type State = "prefix" | "header" | "data" | "scan" | "descriptor" | "done" | "failed";

interface Entry {
  header: ZipEntryHeader;
  zip64: boolean;
  descriptor: boolean;
  remaining: number;
  /** Data bytes of the entry seen so far. */
  seen: number;
  /** Where the entry's data goes; undefined when it is skipped. */
  sink: ZipEntryInflater | undefined;
}

export class ZipStreamReader {
  readonly #events: ZipReaderEvents;
  readonly #budget: ZipBudget;
  #buffer: Uint8Array = new Uint8Array(0);
  #state: State = "prefix";
  #prefix = 0;
  #entry: Entry | undefined;
  #count = 0;

  constructor(events: ZipReaderEvents, budget: ZipBudget) {
    this.#events = events;
    this.#budget = budget;
  }

  /** Entries whose headers were read. */
  get entries(): number {
    return this.#count;
  }

  /** True once the central directory (or a fatal problem) is reached: later bytes are ignored. */
  get finished(): boolean {
    return this.#state === "done" || this.#state === "failed";
  }

  write(chunk: Uint8Array): void {
    if (this.#state === "done" || this.#state === "failed") return;
    this.#buffer = this.#buffer.length === 0 ? chunk : join([this.#buffer, chunk]);
    this.#run(false);
    // The caller may reuse `chunk` once this returns: the few bytes held back are copied.
    if (this.#buffer.length > 0 && this.#buffer.buffer === chunk.buffer) this.#buffer = this.#buffer.slice();
  }

  /** The archive's bytes ended. */
  end(): void {
    this.#run(true);
    if (this.#state === "prefix")
      this.#fail(this.#prefix === 0 ? "the archive is empty" : "no ZIP entries found (not a ZIP archive?)");
    else if (this.#state !== "done" && this.#state !== "failed") {
      this.#fail(
        `the archive ends inside ${this.#entry ? `entry ${this.#entry.header.name}` : "an entry header"} (truncated?)`,
      );
    }
  }

  #run(final: boolean): void {
    let progress = true;
    while (progress && this.#state !== "done" && this.#state !== "failed") {
      switch (this.#state) {
        case "prefix":
          progress = this.#findFirstHeader(final);
          break;
        case "header":
          progress = this.#readHeader();
          break;
        case "data":
          progress = this.#readKnown();
          break;
        case "scan":
          progress = this.#scanForDescriptor(final);
          break;
        case "descriptor":
          progress = this.#skipDescriptor();
          break;
      }
    }
  }

  #findFirstHeader(final: boolean): boolean {
    const b = this.#buffer;
    for (let i = b.indexOf(0x50); i >= 0 && i + 4 <= b.length; i = b.indexOf(0x50, i + 1)) {
      const sig = u32(b, i);
      if (sig === LOCAL || sig === END) {
        this.#prefix += i;
        this.#buffer = b.subarray(i);
        this.#state = sig === LOCAL ? "header" : "done";
        return true;
      }
    }
    const keep = final ? 0 : Math.min(3, b.length);
    this.#prefix += b.length - keep;
    this.#buffer = b.subarray(b.length - keep);
    if (this.#prefix > this.#budget.maxPrefix) this.#fail("no ZIP entries found (not a ZIP archive?)");
    return false;
  }

  #readHeader(): boolean {
    const b = this.#buffer;
    if (b.length < 4) return false;
    const sig = u32(b, 0);
    if (sig === CENTRAL || sig === END || sig === END64) {
      this.#state = "done";
      return false;
    }
    if (sig !== LOCAL) return this.#fail("a ZIP entry header is corrupt");
    if (b.length < 30) return false;
    const nameLength = u16(b, 26);
    const extraLength = u16(b, 28);
    if (b.length < 30 + nameLength + extraLength) return false;
    if (--this.#budget.entries < 0) return this.#fail("too many entries (limit reached)");
    this.#count++;
    const flags = u16(b, 6);
    const method = u16(b, 8);
    let compressed = u32(b, 18);
    const extra = b.subarray(30 + nameLength, 30 + nameLength + extraLength);
    const zip64 = compressed === 0xffffffff ? zip64Sizes(extra) : undefined;
    if (zip64 !== undefined) compressed = zip64;
    const name = new TextDecoder().decode(b.subarray(30, 30 + nameLength)).replace(/^\.?\/+/, "");
    this.#buffer = b.subarray(30 + nameLength + extraLength);
    const descriptor = (flags & 8) !== 0;
    const known = !descriptor || compressed !== 0;
    const header: ZipEntryHeader = { name, method, compressedSize: known ? compressed : undefined };
    let consumer = this.#events.onEntry(header);
    if (consumer !== undefined && (flags & 1) !== 0) {
      this.#events.onProblem(`${name} is encrypted`);
      consumer = undefined;
    } else if (consumer !== undefined && method !== 0 && method !== 8) {
      this.#events.onProblem(`${name} uses compression method ${method}, which is not supported`);
      consumer = undefined;
    }
    const onProblem = (message: string) => this.#events.onProblem(message);
    const entry: Entry = {
      header,
      zip64: zip64 !== undefined,
      descriptor,
      remaining: compressed,
      seen: 0,
      sink: consumer && new ZipEntryInflater(name, method === 8 ? 8 : 0, consumer, this.#budget, onProblem),
    };
    this.#entry = entry;
    this.#state = known ? "data" : "scan";
    return true;
  }

  #readKnown(): boolean {
    const entry = this.#entry!;
    if (entry.remaining > 0) {
      if (this.#buffer.length === 0) return false;
      const n = Math.min(entry.remaining, this.#buffer.length);
      this.#deliver(entry, this.#buffer.subarray(0, n));
      this.#buffer = this.#buffer.subarray(n);
      entry.remaining -= n;
      if (entry.remaining > 0) return false;
    }
    this.#finishEntry(entry);
    this.#state = entry.descriptor ? "descriptor" : "header";
    return true;
  }

  #skipDescriptor(): boolean {
    const entry = this.#entry!;
    const size = (u32(this.#buffer, 0) === DESCRIPTOR ? 4 : 0) + (entry.zip64 ? 20 : 12);
    if (this.#buffer.length < size) return false;
    this.#buffer = this.#buffer.subarray(size);
    this.#state = "header";
    return true;
  }

  /** Sizes unknown: the entry ends at the first data descriptor that fits (see the file comment). */
  #scanForDescriptor(final: boolean): boolean {
    const entry = this.#entry!;
    const b = this.#buffer;
    for (let i = b.indexOf(0x50); i >= 0 && i + 4 <= b.length; i = b.indexOf(0x50, i + 1)) {
      const sig = u32(b, i);
      if (sig === DESCRIPTOR) {
        const end = descriptorEnd(b, i, entry.seen + i, true);
        if (end >= 0) return this.#endScan(entry, i, end);
      } else if (sig === LOCAL || sig === CENTRAL || sig === END || sig === END64) {
        // A descriptor without its optional signature ends right before this next header.
        for (const size of [12, 20]) {
          const at = i - size;
          if (at >= 0 && descriptorEnd(b, at, entry.seen + at, false) === i) return this.#endScan(entry, at, i);
        }
      }
    }
    // Nothing found: everything but the hold-back is entry data.
    const safe = final ? b.length : Math.max(0, b.length - HOLD);
    if (safe > 0) {
      this.#deliver(entry, b.subarray(0, safe));
      entry.seen += safe;
      this.#buffer = b.subarray(safe);
    }
    return false;
  }

  #endScan(entry: Entry, dataEnd: number, next: number): true {
    this.#deliver(entry, this.#buffer.subarray(0, dataEnd));
    this.#buffer = this.#buffer.subarray(next);
    this.#finishEntry(entry);
    this.#state = "header";
    return true;
  }

  #deliver(entry: Entry, data: Uint8Array): void {
    entry.sink?.write(data);
  }

  #finishEntry(entry: Entry): void {
    entry.sink?.end();
  }

  #fail(message: string): false {
    this.#state = "failed";
    this.#events.onProblem(message);
    return false;
  }
}

/**
 * Where a data descriptor at `at` ends, when its compressed size equals `dataLength` and the next
 * header's signature follows it (or -1). `signed`: it starts with the optional signature.
 */
function descriptorEnd(b: Uint8Array, at: number, dataLength: number, signed: boolean): number {
  const sizes = at + (signed ? 8 : 4);
  for (const [width, size] of [
    [4, 12],
    [8, 20],
  ] as const) {
    const end = at + size + (signed ? 4 : 0);
    if (end + 4 > b.length) continue;
    const compressed = width === 4 ? u32(b, sizes) : u32(b, sizes) + u32(b, sizes + 4) * 2 ** 32;
    const next = u32(b, end);
    if (compressed === dataLength && (next === LOCAL || next === CENTRAL || next === END || next === END64)) return end;
  }
  return -1;
}

/** The compressed size from a ZIP64 extra field (header id 1: original size, then compressed). */
function zip64Sizes(extra: Uint8Array): number | undefined {
  for (let at = 0; at + 4 <= extra.length; ) {
    const id = u16(extra, at);
    const size = u16(extra, at + 2);
    if (id === 1 && size >= 16 && at + 4 + 16 <= extra.length) {
      return u32(extra, at + 12) + u32(extra, at + 16) * 2 ** 32;
    }
    at += 4 + size;
  }
  return undefined;
}
