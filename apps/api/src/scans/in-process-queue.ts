import type { JobQueue } from "@regscan/core";

/**
 * The Node entry's JobQueue: the jobs are rows already, so enqueueing only wakes the in-process
 * runner (now, or when a retry's delay is over; the runner's poll covers a restart in between).
 */
export function createInProcessQueue(): JobQueue & { onWake(listener: () => void): void; close(): void } {
  const listeners: Array<() => void> = [];
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const wake = () => {
    for (const listener of listeners) listener();
  };
  return {
    onWake(listener) {
      listeners.push(listener);
    },
    async enqueue(_scanId, options) {
      const delay = (options?.delaySeconds ?? 0) * 1000;
      if (delay <= 0) {
        wake();
        return;
      }
      const timer = setTimeout(() => {
        timers.delete(timer);
        wake();
      }, delay);
      timers.add(timer);
    },
    close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}
