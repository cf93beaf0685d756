/**
 * Byte ranges to collect from a stream that is read once, addressed by absolute offset: fixed
 * lengths (`capture`) and ranges that run until an end pattern (`until`). The owner feeds each
 * window of bytes it has (`feed`); a range starting before `base` (bytes already gone) cannot be
 * registered, which is how a one-pass reader learns it is too late.
 */

import { concat, indexOf } from "./bytes.js";

interface Fixed {
  start: number;
  buf: Uint8Array;
  filled: number;
  done: (bytes: Uint8Array) => void;
}

interface Delimited {
  start: number;
  end: Uint8Array;
  /** The end pattern is looked for only from this many bytes after `start`. */
  skip: number;
  max: number;
  parts: Uint8Array[];
  length: number;
  last: Uint8Array;
  done: (bytes: Uint8Array) => void;
}

export class StreamCaptures {
  #fixed: Fixed[] = [];
  #delimited: Delimited[] = [];
  /** Absolute offset of the first byte still at hand. */
  base = 0;

  /** Delimited ranges in progress. */
  get open(): number {
    return this.#delimited.length;
  }

  /** Collects `length` bytes from `start`, then calls `done`; false when `start` is already gone. */
  capture(start: number, length: number, done: (bytes: Uint8Array) => void): boolean {
    if (start < this.base) return false;
    this.#fixed.push({ start, buf: new Uint8Array(length), filled: 0, done });
    return true;
  }

  /** Collects from `start` through the first `end` found `skip` bytes or more after it; dropped past `max` bytes. */
  until(start: number, end: Uint8Array, skip: number, max: number, done: (bytes: Uint8Array) => void): boolean {
    if (start < this.base) return false;
    this.#delimited.push({ start, end, skip, max, parts: [], length: 0, last: new Uint8Array(0), done });
    return true;
  }

  /**
   * Hands `window` (the bytes at absolute `[base, base + window.length)`, possibly overlapping the
   * previous window) to the ranges that want it; completed ranges call `done` in order, and may
   * register new ranges, which this window also feeds. Stops early once `stop()` is true.
   */
  feed(window: Uint8Array, base: number, stop: () => boolean): void {
    const end = base + window.length;
    for (let k = 0; k < this.#fixed.length; ) {
      const c = this.#fixed[k]!;
      const want = c.start + c.filled;
      if (want >= base && want < end) {
        const part = window.subarray(want - base, Math.min(window.length, c.start + c.buf.length - base));
        c.buf.set(part, c.filled);
        c.filled += part.length;
      }
      if (c.filled === c.buf.length) {
        this.#fixed.splice(k, 1);
        c.done(c.buf);
        if (stop()) return;
      } else k++;
    }
    for (let k = 0; k < this.#delimited.length; ) {
      const d = this.#delimited[k]!;
      const next = d.start + d.length;
      if (next < base || next >= end) {
        k++;
        continue;
      }
      const piece = window.subarray(next - base);
      const joined = concat([d.last, piece]);
      const joinedAt = next - d.last.length;
      const found = indexOf(joined, d.end, Math.max(0, d.start + d.skip - joinedAt));
      if (found >= 0) {
        d.parts.push(piece.slice(0, joinedAt + found + d.end.length - next));
        this.#delimited.splice(k, 1);
        d.done(concat(d.parts));
        continue;
      }
      d.parts.push(piece.slice());
      d.length += piece.length;
      d.last = joined.slice(-(d.end.length - 1));
      if (d.length > d.max) this.#delimited.splice(k, 1);
      else k++;
    }
  }
}
