import { DomainError } from "@regscan/core";

/**
 * Walks the frame and block structure of a zstd stream (RFC 8878) without decoding it, so the
 * streaming decoder can be fed one block at a time: fzstd decodes every complete block of a
 * pushed chunk at once (one 4-byte RLE block regenerates up to 2 MiB), so the only way to bound
 * its output is to cut its input at block ends. Also refuses what fzstd would accept but cannot
 * bound: windows over `maxWindow` (fzstd allocates the window up front, up to 2 GiB) and blocks
 * over the spec's 128 KiB maximum.
 */

/** RFC 8878 recommends decoders support windows up to 8 MiB; regscan refuses larger ones. */
export const MAX_ZSTD_WINDOW = 8 * 1024 * 1024;
const MAX_BLOCK = 128 * 1024;
const ZSTD_MAGIC = 0xfd2fb528;

type State =
  | { kind: "magic" }
  | { kind: "header"; length: number }
  | { kind: "skippable-size" }
  | { kind: "skip"; left: number }
  | { kind: "block-header" }
  | { kind: "block"; left: number; last: boolean }
  | { kind: "checksum"; left: number };

/** What one `advance` step consumed. */
export interface FrameStep {
  /** Index in the chunk after the consumed bytes. */
  end: number;
  /** Bytes to hand to the decoder (skippable frames and partial headers are not). */
  decode?: Uint8Array;
  /** Set when the step ended a block: the window the decoder slides once per block. */
  blockWindow?: number;
}

export class ZstdFrames {
  #state: State = { kind: "magic" };
  /** Bytes of a header that straddles chunks (a frame header is at most 18 bytes). */
  readonly #held = new Uint8Array(18);
  #heldLength = 0;
  #window = 0;
  #checksum = false;

  constructor(private readonly maxWindow = MAX_ZSTD_WINDOW) {}

  /** True between frames, where the stream may end. */
  get atFrameBoundary(): boolean {
    return this.#state.kind === "magic" && this.#heldLength === 0;
  }

  /** Consumes bytes of `chunk` from `at`, never past the end of a block. */
  advance(chunk: Uint8Array, at: number): FrameStep {
    const state = this.#state;
    if (state.kind === "skip" || state.kind === "block" || state.kind === "checksum") {
      const take = Math.min(state.left, chunk.length - at);
      state.left -= take;
      const end = at + take;
      const decode = state.kind === "skip" ? undefined : chunk.subarray(at, end);
      if (state.left > 0) return { end, decode };
      if (state.kind !== "block") {
        this.#state = { kind: "magic" };
        return { end, decode };
      }
      this.#endBlock(state.last);
      return { end, decode, blockWindow: this.#window };
    }
    const need =
      state.kind === "magic" ? 5 : state.kind === "header" ? state.length : state.kind === "block-header" ? 3 : 8;
    const take = Math.min(need - this.#heldLength, chunk.length - at);
    this.#held.set(chunk.subarray(at, at + take), this.#heldLength);
    this.#heldLength += take;
    const end = at + take;
    if (this.#heldLength < need) return { end };
    return this.#parsed(state.kind, end);
  }

  #endBlock(last: boolean): void {
    this.#state = last
      ? this.#checksum
        ? { kind: "checksum", left: 4 }
        : { kind: "magic" }
      : { kind: "block-header" };
  }

  #take(): Uint8Array {
    const bytes = this.#held.slice(0, this.#heldLength);
    this.#heldLength = 0;
    return bytes;
  }

  #parsed(kind: "magic" | "header" | "skippable-size" | "block-header", end: number): FrameStep {
    const h = this.#held;
    if (kind === "magic") {
      const magic = (h[0]! | (h[1]! << 8) | (h[2]! << 16) | (h[3]! << 24)) >>> 0;
      if (magic >>> 4 === 0x184d2a5) {
        this.#state = { kind: "skippable-size" };
        return { end };
      }
      if (magic !== ZSTD_MAGIC) throw corrupt("not a zstd frame");
      const fhd = h[4]!;
      if (fhd & 0x08) throw corrupt("reserved frame header bit set");
      const single = (fhd >> 5) & 1;
      const length = 5 + (single ? 0 : 1) + [0, 1, 2, 4][fhd & 3]! + [single, 2, 4, 8][fhd >> 6]!;
      this.#state = { kind: "header", length };
      return { end };
    }
    if (kind === "skippable-size") {
      const size = (h[4]! | (h[5]! << 8) | (h[6]! << 16) | (h[7]! << 24)) >>> 0;
      this.#heldLength = 0;
      this.#state = size === 0 ? { kind: "magic" } : { kind: "skip", left: size };
      return { end };
    }
    if (kind === "header") {
      this.#frameHeader();
      return { end, decode: this.#take() };
    }
    const header = h[0]! | (h[1]! << 8) | (h[2]! << 16);
    const decode = this.#take();
    const last = (header & 1) === 1;
    const type = (header >> 1) & 3;
    const size = header >>> 3;
    if (type === 3) throw corrupt("reserved block type");
    if (size > Math.min(this.#window, MAX_BLOCK)) throw corrupt(`a ${size}-byte block exceeds the block size limit`);
    const body = type === 1 ? 1 : size;
    if (body > 0) {
      this.#state = { kind: "block", left: body, last };
      return { end, decode };
    }
    this.#endBlock(last);
    return { end, decode, blockWindow: this.#window };
  }

  /** Reads the window size (and refuses dictionaries) from a complete frame header. */
  #frameHeader(): void {
    const h = this.#held;
    const fhd = h[4]!;
    const single = (fhd >> 5) & 1;
    const dictBytes = [0, 1, 2, 4][fhd & 3]!;
    const fcsBytes = [single, 2, 4, 8][fhd >> 6]!;
    let at = single ? 5 : 6;
    let dict = 0;
    for (let i = 0; i < dictBytes; i++) dict += h[at + i]! * 2 ** (8 * i);
    at += dictBytes;
    if (dict !== 0) {
      throw new DomainError("image_unsupported", "The layer needs a zstd dictionary, which regscan does not support.");
    }
    let contentSize = 0;
    for (let i = 0; i < fcsBytes; i++) contentSize += h[at + i]! * 2 ** (8 * i);
    if (fcsBytes === 2) contentSize += 256;
    let window = contentSize;
    if (!single) {
      const base = 2 ** (10 + (h[5]! >> 3));
      window = base + (base / 8) * (h[5]! & 7);
    }
    if (window > this.maxWindow) {
      throw new DomainError(
        "image_unsupported",
        `The layer's zstd stream needs a ${window}-byte window; regscan decodes windows up to ${this.maxWindow} bytes (RFC 8878's interoperability limit).`,
        { window, limit: this.maxWindow },
      );
    }
    this.#window = window;
    this.#checksum = ((fhd >> 2) & 1) === 1;
    this.#state = { kind: "block-header" };
  }
}

function corrupt(reason: string): Error {
  return new Error(`corrupt zstd data: ${reason}`);
}
