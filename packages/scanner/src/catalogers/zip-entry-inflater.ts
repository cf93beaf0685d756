/**
 * One ZIP entry's data on its way to a consumer: passed through (stored) or inflated (deflate,
 * fflate's streaming `Inflate`, fed in slices so one push cannot inflate without bound), within
 * the archive's shared budget of inflated bytes and a per-entry inflation ratio. A problem stops
 * the entry (`dead`) and is reported once; the consumer then sees no more data and no `end`.
 */

import { Inflate } from "fflate";

export interface ZipEntryConsumer {
  write(data: Uint8Array): void;
  end(): void;
}

/** Shared by an archive and the archives nested in it. */
export interface ZipBudget {
  entries: number;
  inflatedBytes: number;
  /** Output may exceed input by this factor (after the first MiB) before an entry is called a bomb. */
  maxRatio: number;
  /** Bytes scanned for the first header (executable jars start with a launch script). */
  maxPrefix: number;
}

const INFLATE_SLICE = 64 * 1024;
const RATIO_GRACE = 1024 * 1024;

export class ZipEntryInflater {
  readonly #name: string;
  readonly #consumer: ZipEntryConsumer;
  readonly #budget: ZipBudget;
  readonly #onProblem: (message: string) => void;
  readonly #inflater: Inflate | undefined;
  #in = 0;
  #out = 0;
  #dead = false;

  /** `method` 0 (stored) or 8 (deflate). */
  constructor(
    name: string,
    method: 0 | 8,
    consumer: ZipEntryConsumer,
    budget: ZipBudget,
    onProblem: (m: string) => void,
  ) {
    this.#name = name;
    this.#consumer = consumer;
    this.#budget = budget;
    this.#onProblem = onProblem;
    if (method === 8) {
      this.#inflater = new Inflate();
      this.#inflater.ondata = (data) => this.#emit(data);
    }
  }

  /** The next compressed bytes of the entry. */
  write(data: Uint8Array): void {
    if (this.#dead || data.length === 0) return;
    if (this.#inflater === undefined) {
      this.#in += data.length;
      this.#emit(data);
      return;
    }
    try {
      for (let at = 0; at < data.length && !this.#dead; at += INFLATE_SLICE) {
        const slice = data.subarray(at, at + INFLATE_SLICE);
        this.#in += slice.length;
        this.#inflater.push(slice);
      }
    } catch (error) {
      this.#kill(`corrupt deflate data (${(error as Error).message})`);
    }
  }

  /** The entry's data ended. */
  end(): void {
    if (this.#dead) return;
    try {
      this.#inflater?.push(new Uint8Array(0), true);
    } catch (error) {
      this.#kill(`corrupt deflate data (${(error as Error).message})`);
    }
    if (!this.#dead) this.#consumer.end();
  }

  #emit(data: Uint8Array): void {
    if (this.#dead || data.length === 0) return;
    this.#out += data.length;
    this.#budget.inflatedBytes -= data.length;
    if (this.#budget.inflatedBytes < 0) this.#kill("the archive inflates to more than the limit");
    else if (this.#out > RATIO_GRACE && this.#out > this.#budget.maxRatio * Math.max(1, this.#in)) {
      this.#kill(`inflates more than ${this.#budget.maxRatio} times its size (a ZIP bomb?)`);
    } else this.#consumer.write(data);
  }

  #kill(problem: string): void {
    this.#dead = true;
    this.#onProblem(`${this.#name}: ${problem}`);
  }
}
