/**
 * Finds a Go binary's build info while its bytes stream by: one pass, any chunk sizes, bounded
 * memory (a few small captures, never the file). Semantics follow Go's debug/buildinfo:
 *
 * - The linker writes a 32-byte header, `\xff Go buildinf:` + pointer size + flags, 16-byte
 *   aligned, in the writable data segment (checked with the ELF program headers when the file is
 *   ELF; other formats accept any aligned offset that validates).
 * - Go ≥ 1.18 (flags bit 1): the Go version and the module info follow inline, each as a
 *   uvarint length + bytes. The header is all we need.
 * - Go < 1.18: the header holds two pointers to Go string headers (runtime.buildVersion and
 *   runtime.modinfo) in the data segment after it, whose bytes live in rodata, *before* it. A
 *   one-pass reader cannot go back, so while it streams a Go-looking file (ELF with a Go build-ID
 *   note, or a PE / Mach-O file) it remembers the candidates: each sentinel-framed module info
 *   (`cmd/go` wraps it in two fixed 16-byte sentinels) and each `go1.` string, by file offset.
 *   When the pointers resolve (ELF: program headers map addresses to offsets) the string headers
 *   name the exact offset and length of the right candidates. Without ELF, the first framed
 *   module info is used and the Go version stays unknown (a problem is reported).
 */

import { concat, hex, matches, uvarint } from "./bytes.js";
import { type ElfLayout, fileOffsetOf, inDataSegment, isElf, isZeroFilled, parseElfLayout } from "./go-elf.js";
import { StreamCaptures } from "./stream-captures.js";

export const GO_SCAN_LIMITS = {
  /** Bytes of one file scanned; a Go-looking file whose build info is not found by then is reported. */
  maxScanBytes: 1024 * 1024 * 1024,
  /** Module info longer than this is unreadable (real ones with hundreds of deps are ~50 KiB). */
  maxModinfo: 1024 * 1024,
  maxVersion: 256,
  /** `go1.` strings and framed module infos remembered for the pointer-based format. */
  maxCandidates: 64,
  maxModinfoCandidates: 4,
} as const;

export type GoScanResult =
  | { kind: "none" }
  | { kind: "found"; goVersion: string; modinfo: string; problems: string[] }
  | { kind: "unreadable"; reason: string };

const HEAD = 16 * 1024;
/** Bytes kept between chunks so a pattern cut by a chunk boundary is still seen (the longest is 16). */
const KEEP = 15;
const MAGIC = [0xff, 0x20, 0x47, 0x6f, 0x20, 0x62, 0x75, 0x69, 0x6c, 0x64, 0x69, 0x6e, 0x66, 0x3a];
const INFO_START = hex("3077af0c9274080241e1c107e6d618e6");
const INFO_END = hex("f932433186182072008242104116d8f2");
const GO1 = [0x67, 0x6f, 0x31, 0x2e];
const VERSION_CANDIDATE = 48;

interface OldFormat {
  version?: string;
  modinfo?: string;
  waiting: number;
}

export class GoBuildInfoScanner {
  #head: Uint8Array[] = [];
  #headBytes = 0;
  #kind: "pending" | "elf" | "binary" | "other" = "pending";
  #elf: ElfLayout | undefined;
  #candidates = false;
  /** Bytes at the end of the last window whose positions were not tested yet (they start at captures.base). */
  #pending = new Uint8Array(0);
  #seen = 0;
  readonly #captures = new StreamCaptures();
  #framed: { start: number; text: Uint8Array }[] = [];
  #versions: { start: number; bytes: Uint8Array }[] = [];
  /** Header candidates being read, and whether one proved valid. */
  #pendingHeaders = 0;
  #accepted = false;
  #result: GoScanResult | undefined;
  #old: OldFormat | undefined;

  /** Feeds the next bytes; returns false once nothing more is needed. */
  write(chunk: Uint8Array): boolean {
    if (this.#result !== undefined || this.#kind === "other") return false;
    if (this.#kind === "pending") {
      this.#head.push(chunk.slice()); // the caller may reuse `chunk` once this returns
      this.#headBytes += chunk.length;
      if (this.#headBytes < HEAD) return true;
      if (!this.#classify()) return false;
      this.#scan(concat(this.#head), false);
      this.#head = [];
    } else {
      this.#scan(chunk, false);
    }
    if (this.#seen >= GO_SCAN_LIMITS.maxScanBytes) return false;
    return this.#result === undefined;
  }

  /** Called once at the end of the file (or after `write` returned false). */
  end(): GoScanResult {
    if (this.#kind === "pending") {
      if (this.#classify()) this.#scan(concat(this.#head), true);
    } else if (this.#kind !== "other" && this.#result === undefined) {
      this.#scan(new Uint8Array(0), true);
    }
    if (this.#result !== undefined) return this.#result;
    if (this.#old !== undefined) return this.#finishOld();
    if (this.#accepted || this.#pendingHeaders > 0)
      return { kind: "unreadable", reason: "the build info is cut short" };
    if (this.#seen >= GO_SCAN_LIMITS.maxScanBytes && this.#candidates) {
      return { kind: "unreadable", reason: `no build info in the first ${GO_SCAN_LIMITS.maxScanBytes} bytes` };
    }
    return { kind: "none" };
  }

  /** Decides from the file's first bytes whether it can be a Go binary at all. */
  #classify(): boolean {
    const head = concat(this.#head);
    if (isElf(head)) {
      this.#kind = "elf";
      this.#elf = parseElfLayout(head);
      this.#candidates = this.#elf?.goNote ?? false;
    } else if (isOtherExecutable(head)) {
      this.#kind = "binary";
      this.#candidates = true;
    } else {
      this.#kind = "other";
    }
    return this.#kind !== "other";
  }

  /**
   * Tests every position of (pending bytes + chunk) that has enough bytes after it (all of them
   * when `final`), then feeds the captures. Positions near the end wait for the next chunk.
   */
  #scan(chunk: Uint8Array, final: boolean): void {
    const window = this.#pending.length === 0 ? chunk : concat([this.#pending, chunk]);
    const base = this.#captures.base;
    this.#seen += chunk.length;
    const limit = final ? window.length : Math.max(0, window.length - KEEP);
    for (let i = (16 - (base % 16)) % 16; i < limit; i += 16) {
      if (window[i] === 0xff && !this.#accepted && matches(window, i, MAGIC)) this.#magicAt(base + i);
    }
    if (this.#candidates) {
      // Anchored on the start sentinel's third byte (0xaf), rarer than its first.
      for (let j = window.indexOf(0xaf, 2); j >= 0 && j - 2 < limit; j = window.indexOf(0xaf, j + 1)) {
        const i = j - 2;
        if (!matches(window, i, INFO_START)) continue;
        if (this.#captures.open + this.#framed.length >= GO_SCAN_LIMITS.maxModinfoCandidates) continue;
        const start = base + i;
        this.#captures.until(start, INFO_END, 16, GO_SCAN_LIMITS.maxModinfo + 32, (text) =>
          this.#framed.push({ start, text }),
        );
      }
      for (let i = window.indexOf(0x67); i >= 0 && i < limit; i = window.indexOf(0x67, i + 1)) {
        if (matches(window, i, GO1) && this.#versions.length < GO_SCAN_LIMITS.maxCandidates) {
          const at = base + i;
          this.#captures.capture(at, VERSION_CANDIDATE, (b) => this.#versions.push({ start: at, bytes: b }));
        }
      }
    }
    this.#captures.feed(window, base, () => this.#result !== undefined);
    this.#pending = window.slice(limit);
    this.#captures.base = base + limit;
  }

  #magicAt(at: number): void {
    if (this.#elf !== undefined && !inDataSegment(this.#elf, at)) return;
    this.#pendingHeaders++;
    this.#captures.capture(at, 32, (header) => {
      this.#pendingHeaders--;
      const ptrSize = header[14];
      const flags = header[15] ?? 0xff;
      // A stray copy of the magic (or a second header) is ignored: the first valid one counts.
      if (this.#accepted || (ptrSize !== 4 && ptrSize !== 8) || (flags & ~3) !== 0) return;
      if (flags & 2 && header.subarray(16, 32).some((b) => b !== 0)) return;
      this.#accepted = true;
      if (flags & 2) this.#readInline(at + 32);
      else this.#readPointers(header, ptrSize, (flags & 1) === 1);
    });
  }

  /** Go ≥ 1.18: uvarint + version, uvarint + module info, right after the header (zeros in 16..31). */
  #readInline(at: number): void {
    this.#readString(at, GO_SCAN_LIMITS.maxVersion, (version, next) => {
      if (version === undefined || version.length === 0)
        return this.#unreadable("the Go version is missing or too long");
      this.#readString(next, GO_SCAN_LIMITS.maxModinfo, (modinfo) => {
        if (modinfo === undefined) return this.#unreadable("the module info is too long or malformed");
        this.#result = { kind: "found", goVersion: latin1(version), modinfo: stripFraming(modinfo), problems: [] };
      });
    });
  }

  /** A uvarint-prefixed string at `at`: `done(bytes, offset after it)`; undefined bytes when over `max`. */
  #readString(at: number, max: number, done: (bytes: Uint8Array | undefined, next: number) => void): void {
    this.#captures.capture(at, 10, (prefix) => {
      const varint = uvarint(prefix);
      if (varint === undefined || varint.value > max) return done(undefined, at);
      const start = at + varint.size;
      if (varint.value === 0) return done(new Uint8Array(0), start);
      this.#captures.capture(start, varint.value, (bytes) => done(bytes, start + varint.value));
    });
  }

  /** Go < 1.18: resolve the two string headers the pointers name (ELF only), then their bytes. */
  #readPointers(header: Uint8Array, ptrSize: number, bigEndian: boolean): void {
    const ptr = (b: Uint8Array, at: number) => {
      const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
      return ptrSize === 8 ? Number(v.getBigUint64(at, !bigEndian)) : v.getUint32(at, !bigEndian);
    };
    const old: OldFormat = { waiting: 2 };
    this.#old = old;
    const elf = this.#elf;
    const settle = () => {
      if (--old.waiting === 0) this.#result = this.#finishOld();
    };
    const resolve = (addr: number, onString: (offset: number, length: number) => void) => {
      // A string variable the program never set lives in bss: an empty string.
      if (elf !== undefined && isZeroFilled(elf, addr)) return onString(-1, 0);
      const at = elf === undefined ? undefined : fileOffsetOf(elf, addr);
      const started =
        at !== undefined &&
        this.#captures.capture(at, 2 * ptrSize, (hdr) => {
          const length = ptr(hdr, ptrSize);
          if (length === 0) return onString(-1, 0); // "" (e.g. a GOPATH build's module info): no pointer to follow
          const target = elf === undefined ? undefined : fileOffsetOf(elf, ptr(hdr, 0));
          if (target === undefined) return settle();
          onString(target, length);
        });
      if (!started) settle();
    };
    resolve(ptr(header, 16), (offset, length) => {
      const candidate = this.#versions.find((v) => v.start === offset);
      if (length === 0) old.version = "";
      else if (length > 0 && length <= VERSION_CANDIDATE && candidate)
        old.version = latin1(candidate.bytes.subarray(0, length));
      else if (
        length > 0 &&
        length <= GO_SCAN_LIMITS.maxVersion &&
        this.#captures.capture(offset, length, (b) => {
          old.version = latin1(b);
          settle();
        })
      )
        return;
      settle();
    });
    resolve(ptr(header, 16 + ptrSize), (offset, length) => {
      const framed = this.#framed.find((f) => f.start === offset && f.text.length === length);
      if (length === 0) old.modinfo = "";
      else if (framed) old.modinfo = stripFraming(framed.text);
      else if (
        length <= GO_SCAN_LIMITS.maxModinfo &&
        this.#captures.capture(offset, length, (b) => {
          old.modinfo = stripFraming(b);
          settle();
        })
      )
        return;
      settle();
    });
  }

  #finishOld(): GoScanResult {
    const old = this.#old!;
    const problems: string[] = [];
    if (old.version === undefined)
      problems.push("the Go version could not be read (pointer-based build info of Go < 1.18)");
    let modinfo = old.modinfo;
    if (modinfo === undefined) {
      const first = this.#framed[0];
      modinfo = first ? stripFraming(first.text) : "";
      if (!first) problems.push("the module info could not be read (pointer-based build info of Go < 1.18)");
    }
    return { kind: "found", goVersion: old.version ?? "", modinfo, problems };
  }

  #unreadable(reason: string): void {
    this.#result = { kind: "unreadable", reason };
  }
}

/** Strips the two 16-byte sentinels `cmd/go` frames module info with ("" when not framed). */
function stripFraming(bytes: Uint8Array): string {
  if (bytes.length >= 33 && bytes[bytes.length - 17] === 0x0a) return utf8(bytes.subarray(16, bytes.length - 16));
  return "";
}

function isOtherExecutable(head: Uint8Array): boolean {
  const b = (i: number) => head[i] ?? -1;
  const magic = ((b(0) << 24) | (b(1) << 16) | (b(2) << 8) | b(3)) >>> 0;
  if (b(0) === 0x4d && b(1) === 0x5a) return true; // PE ("MZ")
  if ([0xfeedface, 0xfeedfacf, 0xcefaedfe, 0xcffaedfe].includes(magic)) return true; // Mach-O
  return b(0) === 0x01 && (b(1) === 0xdf || b(1) === 0xf7); // XCOFF
}

const latin1 = (bytes: Uint8Array) => String.fromCharCode(...bytes);
const utf8 = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
