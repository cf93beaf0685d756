/** Small web-stream helpers that avoid relying on `ReadableStream` async iteration typings. */

/** Iterates a ReadableStream; cancels it when the consumer stops early. */
export async function* iterateStream<T>(stream: ReadableStream<T>): AsyncGenerator<T> {
  const reader = stream.getReader();
  let done = false;
  try {
    while (true) {
      const result = await reader.read();
      if (result.done) {
        done = true;
        return;
      }
      yield result.value;
    }
  } finally {
    if (!done) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}

/** Wraps an async iterable as a ReadableStream (pull-based, so backpressure is kept). */
export function toReadableStream<T>(source: AsyncIterable<T>): ReadableStream<T> {
  const iterator = source[Symbol.asyncIterator]();
  return new ReadableStream<T>({
    async pull(controller) {
      const next = await iterator.next();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
    async cancel(reason) {
      await iterator.return?.(reason);
    },
  });
}

/** Yields `first` (if any) and then the rest of `iterator`. */
export async function* prepend<T>(first: T[], iterator: AsyncIterator<T>): AsyncGenerator<T> {
  try {
    yield* first;
    while (true) {
      const next = await iterator.next();
      if (next.done) return;
      yield next.value;
    }
  } finally {
    await iterator.return?.();
  }
}

/**
 * Regroups small chunks (network reads are often 16-64 KiB) into chunks of at least `size` bytes:
 * every later stage (decompressor calls, hashing, tar decoding) has a per-chunk cost.
 */
export async function* coalesce(source: AsyncIterable<Uint8Array>, size: number): AsyncGenerator<Uint8Array> {
  let parts: Uint8Array[] = [];
  let length = 0;
  const flush = () => {
    const out = parts.length === 1 ? (parts[0] as Uint8Array) : new Uint8Array(length);
    if (parts.length > 1) {
      let offset = 0;
      for (const part of parts) {
        out.set(part, offset);
        offset += part.length;
      }
    }
    parts = [];
    length = 0;
    return out;
  };
  for await (const chunk of source) {
    if (chunk.length === 0) continue;
    parts.push(chunk);
    length += chunk.length;
    if (length >= size) yield flush();
  }
  if (length > 0) yield flush();
}
