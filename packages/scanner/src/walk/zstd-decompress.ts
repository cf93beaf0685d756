import { Decompress } from "fzstd";
import type { DecompressOptions } from "./decompressor.js";
import { MAX_ZSTD_WINDOW, ZstdFrames } from "./zstd-frames.js";

/** Output is handed on once this much has accumulated (and after the last block). */
const OUTPUT_CHUNK = 1 << 20;

/**
 * fzstd slides its whole window once per block (and allocates it once per frame), so a stream of
 * tiny blocks costs up to a window per byte of output. Each block is therefore charged at least
 * window / COST_FACTOR bytes against the uncompressed budget (see `DecompressOptions.charge`):
 * ordinary encoders stay well within it (libzstd level 19 averages ≥ 40 KiB blocks in an 8 MiB
 * window: window / 200), and the time a hostile stream can take stays proportional to the budget.
 */
const COST_FACTOR = 256;

/**
 * Streams zstd-compressed bytes through fzstd's decoder, one block at a time: fzstd decodes all
 * complete blocks of a pushed chunk in one call, and a 4-byte RLE block regenerates up to
 * 128 KiB, so the input is cut at block ends (see `ZstdFrames`) and the output handed on in
 * chunks of about 1 MiB, whatever the compression ratio. A stream that ends inside a frame is an
 * error (fzstd alone would silently stop), so a truncated layer never looks complete.
 */
export async function* zstdDecompress(
  input: AsyncIterable<Uint8Array>,
  options: DecompressOptions & { maxWindow?: number } = {},
): AsyncGenerator<Uint8Array> {
  let out: Uint8Array[] = [];
  let pending = 0;
  let produced = 0;
  const decoder = new Decompress((data) => {
    if (data.length === 0) return;
    out.push(data);
    pending += data.length;
    produced += data.length;
  });
  const frames = new ZstdFrames(options.maxWindow ?? MAX_ZSTD_WINDOW);
  let work = 0;
  let charged = 0;
  const take = () => {
    const ready = out;
    out = [];
    pending = 0;
    return ready;
  };
  for await (const chunk of input) {
    for (let at = 0; at < chunk.length; ) {
      const step = frames.advance(chunk, at);
      at = step.end;
      if (step.decode !== undefined && step.decode.length > 0) decoder.push(step.decode);
      if (step.blockWindow === undefined) continue;
      work += step.blockWindow;
      const due = Math.ceil(work / COST_FACTOR) - produced - charged;
      if (due > 0) {
        charged += due;
        options.charge?.(due);
      }
      if (pending >= OUTPUT_CHUNK) yield* take();
    }
  }
  if (!frames.atFrameBoundary) throw new Error("zstd stream ends inside a frame (truncated)");
  decoder.push(new Uint8Array(0), true);
  yield* take();
}
