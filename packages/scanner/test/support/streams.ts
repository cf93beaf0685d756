/** Small helpers for tests of streams and DomainErrors. */
import { isDomainError } from "@regscan/core";

/** Reads a stream to its end; returns the byte count. */
export async function drain(stream: ReadableStream<Uint8Array>): Promise<number> {
  let n = 0;
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) n += chunk.byteLength;
  return n;
}

/** The DomainError `p` rejects with (as {code, message}); fails if it resolves or throws something else. */
export async function domainFailure(
  p: Promise<unknown>,
): Promise<{ code: string; message: string; details?: Record<string, unknown> }> {
  try {
    await p;
  } catch (e) {
    if (!isDomainError(e)) throw e;
    return { code: e.code, message: e.message, ...(e.details === undefined ? {} : { details: e.details }) };
  }
  throw new Error("expected a DomainError");
}
