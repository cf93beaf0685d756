import { Decompress } from "fzstd";

/**
 * Streams zstd-compressed bytes through fzstd's decoder. A stream that ends inside a frame is
 * an error (fzstd alone would silently stop), so a truncated layer never looks complete.
 */
export async function* zstdDecompress(input: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  let out: Uint8Array[] = [];
  let finished = false;
  const decoder = new Decompress((data, final) => {
    if (data.length > 0) out.push(data);
    if (final) finished = true;
  });
  let sawInput = false;
  for await (const chunk of input) {
    if (chunk.length === 0) continue;
    sawInput = true;
    decoder.push(chunk);
    if (out.length > 0) {
      const ready = out;
      out = [];
      yield* ready;
    }
  }
  if (sawInput) decoder.push(new Uint8Array(0), true);
  yield* out;
  if (sawInput && !finished) throw new Error("zstd stream ends inside a frame (truncated)");
}
