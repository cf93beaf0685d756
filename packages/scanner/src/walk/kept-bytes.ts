import type { Notice } from "../model.js";
import { formatBytes } from "./byte-budget.js";

/** Skipped files named one by one in a layer's notices; past this, one notice counts the rest. */
const NAMED_SKIPS = 20;

/** The bytes of wanted files kept in memory over a whole image walk, shared by its layers. */
export class ImageKeptBytes {
  #used = 0;
  constructor(readonly max: number) {}

  get used(): number {
    return this.#used;
  }

  get remaining(): number {
    return Math.max(0, this.max - this.#used);
  }

  /** Takes `bytes` if they fit. */
  take(bytes: number): boolean {
    if (this.#used + bytes > this.max) return false;
    this.#used += bytes;
    return true;
  }
}

/**
 * One layer's share of the kept-bytes budgets: the layer's own limit (deterministic, so a layer
 * cut by it may still be cached) and the image's (which depends on the other layers, so a layer
 * cut by it is not). A file that does not fit is skipped with a notice marked `incomplete`.
 */
export class LayerKeptBytes {
  #used = 0;
  #skipped = 0;
  #skippedBytes = 0;
  /** True once a file was skipped because the image's budget ran out. */
  cutByImage = false;

  constructor(
    readonly max: number,
    private readonly image: ImageKeptBytes,
  ) {}

  /** Reserves `size` bytes for `path`; false (and a notice) when either budget has no room. */
  reserve(path: string, size: number, notices: Notice[]): boolean {
    const layerFull = this.#used + size > this.max;
    if (!layerFull && this.image.take(size)) {
      this.#used += size;
      return true;
    }
    if (!layerFull) this.cutByImage = true;
    this.#skipped++;
    this.#skippedBytes += size;
    if (this.#skipped <= NAMED_SKIPS) {
      const limit = layerFull
        ? `the ${formatBytes(this.max)} kept per layer`
        : `the ${formatBytes(this.image.max)} kept per image`;
      notices.push({
        code: "kept_bytes_exceeded",
        message: `/${path} (${size} bytes) was skipped: the files kept for catalogers reached ${limit}.`,
        path: `/${path}`,
        incomplete: true,
      });
    }
    return false;
  }

  /** Adds one notice counting the skipped files not named (call once, after the layer). */
  finish(notices: Notice[]): void {
    if (this.#skipped <= NAMED_SKIPS) return;
    notices.push({
      code: "kept_bytes_exceeded",
      message: `${this.#skipped - NAMED_SKIPS} more wanted files were skipped (${this.#skipped} in all, ${formatBytes(this.#skippedBytes)}): the files kept for catalogers reached their limit.`,
      incomplete: true,
    });
  }
}
