/**
 * Runs async tasks one at a time, in call order: the in-memory transaction runner's mutex and
 * the libSQL store's per-client write lock.
 */
export interface SerialLock {
  run<T>(task: () => Promise<T>): Promise<T>;
}

export function createSerialLock(): SerialLock {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    run(task) {
      const result = tail.then(task);
      // The next task waits for this one to settle, whether it resolves or rejects.
      tail = result.then(
        () => undefined,
        () => undefined,
      );
      return result;
    },
  };
}
