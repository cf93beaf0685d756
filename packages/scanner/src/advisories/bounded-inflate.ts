import { Inflate } from "fflate";

/**
 * fflate's DEFLATE decoder for `Unzip`, with the `terminate()` its own `UnzipInflate` lacks: once
 * terminated, the entry's remaining bytes are dropped unread instead of inflated, so an entry
 * over its size cap (or one nobody wants) costs no more CPU and holds no memory.
 */
export class BoundedInflate {
  static readonly compression = 8;
  ondata: (error: Error | null, data: Uint8Array | null, final: boolean) => void = () => undefined;
  #stopped = false;
  readonly #inflate = new Inflate((data, final) => {
    if (!this.#stopped) this.ondata(null, data, final);
  });

  push(chunk: Uint8Array, final?: boolean): void {
    if (this.#stopped) return;
    try {
      this.#inflate.push(chunk, final);
    } catch (e) {
      this.ondata(e as Error, null, final ?? false);
    }
  }

  terminate(): void {
    this.#stopped = true;
  }
}
