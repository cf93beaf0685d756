/** Digest checks for blobs and manifests, while streaming (no buffering of layers). */
import { DomainError, isDomainError } from "@regscan/core";
import { type Sha256Factory, webSha256 } from "../walk/sha256.js";

export const SHA256_DIGEST = /^sha256:[a-f0-9]{64}$/;

/** What a blob should be: its digest and (when known) its exact size. */
export interface ExpectedBlob {
  digest: string;
  size?: number;
}

/**
 * Passes a blob's `stream` through as one pull stream (no TransformStream and no second wrapper:
 * every layer byte goes through here), hashing every chunk. It errors with DomainError
 * `scan_failed` when the bytes end up not matching `expected` (digest or size; `label` names the
 * blob in the message), and turns any other error of `stream` that is not a DomainError (a
 * dropped connection, a failing disk) into `mapError(e)`, so consumers only ever see DomainErrors
 * (or the abort of `signal`).
 */
export function verifiedBlobStream(
  stream: ReadableStream<Uint8Array>,
  o: {
    expected: ExpectedBlob;
    label: string;
    sha256?: Sha256Factory;
    mapError: (e: unknown) => DomainError;
    /** Applied to a DomainError `stream` fails with (e.g. to name the layer in its details). */
    annotate?: (e: DomainError) => DomainError;
    signal?: AbortSignal;
  },
): ReadableStream<Uint8Array> {
  const { expected, label } = o;
  const hash = (o.sha256 ?? webSha256)();
  const reader = stream.getReader();
  let bytes = 0;
  const mismatch = (why: string) =>
    new DomainError(
      "scan_failed",
      `${label} is corrupt: ${why}. Pull it again; if it persists, the image is damaged.`,
      { digest: expected.digest },
    );
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        let next: ReadableStreamReadResult<Uint8Array>;
        try {
          next = await reader.read();
        } catch (e) {
          if (o.signal?.aborted) controller.error(e);
          else controller.error(isDomainError(e) ? (o.annotate ?? ((d) => d))(e) : o.mapError(e));
          return;
        }
        if (next.done) {
          if (expected.size !== undefined && bytes !== expected.size) {
            controller.error(mismatch(`${bytes} bytes instead of the ${expected.size} the manifest declares`));
            return;
          }
          const actual = hash.digest();
          if (actual !== expected.digest) controller.error(mismatch(`its content has digest ${actual}`));
          else controller.close();
          return;
        }
        const chunk = next.value;
        bytes += chunk.byteLength;
        if (expected.size !== undefined && bytes > expected.size) {
          controller.error(mismatch(`more than the ${expected.size} bytes the manifest declares`));
          await reader.cancel().catch(() => undefined); // the rest is not wanted
          return;
        }
        hash.update(chunk);
        controller.enqueue(chunk);
      },
      cancel: (reason) => reader.cancel(reason),
    },
    { highWaterMark: 0 },
  );
}

/** SHA-256 digest (`sha256:<hex>`) of bytes in memory. */
export function digestOf(bytes: Uint8Array, sha256: Sha256Factory = webSha256): string {
  const hash = sha256();
  hash.update(bytes);
  return hash.digest();
}

/**
 * Reads a whole (small) stream into memory, failing with `tooLarge()` as soon as it exceeds
 * `maxBytes` (the rest is not read; the stream is cancelled).
 */
export async function readAllLimited(
  stream: ReadableStream<Uint8Array>,
  maxBytes: number,
  tooLarge: () => DomainError,
): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw tooLarge();
      }
      chunks.push(value);
    }
  } finally {
    reader.releaseLock();
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.byteLength;
  }
  return out;
}
