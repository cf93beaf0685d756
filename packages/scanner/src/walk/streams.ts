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
