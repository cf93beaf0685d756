import type { SerialLock } from "../system/serial-lock.js";

export { createSerialLock, type SerialLock } from "../system/serial-lock.js";

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
