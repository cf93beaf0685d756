/**
 * Test support (web standards only): fast-check arbitraries of hostile bytes for parser
 * properties: random bytes, and a real input truncated, with bytes overwritten, or with random
 * bytes inserted.
 */
import fc from "fast-check";

/** Fixed seed: the runs are deterministic; change it locally to explore. */
export const PROPERTY_SEED = 20261201;

export function mutationsOf(base: Uint8Array, maxRandom = 4096): fc.Arbitrary<Uint8Array> {
  const at = fc.nat({ max: Math.max(0, base.length - 1) });
  return fc.oneof(
    fc.uint8Array({ maxLength: maxRandom }),
    at.map((n) => base.slice(0, n)),
    fc.array(fc.tuple(at, fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }).map((edits) => {
      const out = base.slice();
      for (const [i, b] of edits) out[i] = b;
      return out;
    }),
    fc.tuple(at, fc.uint8Array({ minLength: 1, maxLength: 64 })).map(([i, bytes]) => {
      const out = new Uint8Array(base.length + bytes.length);
      out.set(base.subarray(0, i));
      out.set(bytes, i);
      out.set(base.subarray(i), i + bytes.length);
      return out;
    }),
  );
}

/** Runs `work`, which must end with a DomainError or a result within `ms`: anything else fails. */
export async function endsBoundedly(work: () => Promise<unknown>, ms = 5000): Promise<"result" | string> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`did not end within ${ms} ms`)), ms);
  });
  try {
    await Promise.race([work(), timeout]);
    return "result";
  } catch (e) {
    const error = e as { name?: string; code?: string };
    if (error.name === "DomainError" && typeof error.code === "string") return error.code;
    throw e;
  } finally {
    clearTimeout(timer);
  }
}
