/** Runs async tasks one at a time, in call order (a mutex for the in-memory transaction runner). */
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

/**
 * A copy of `repo` whose `writes` methods run through `lock` (so they wait for an open transaction
 * instead of interleaving with it); every other method is called directly.
 */
export function serializeWrites<R extends object>(repo: R, writes: readonly (keyof R)[], lock: SerialLock): R {
  const out = { ...repo };
  for (const name of writes) {
    const method = repo[name];
    if (typeof method !== "function") throw new TypeError(`serializeWrites: ${String(name)} is not a method`);
    out[name] = ((...args: unknown[]) => lock.run(() => method.apply(repo, args))) as R[keyof R];
  }
  return out;
}
