import type { JobQueue } from "../ports/scans.js";

/** A JobQueue that records what was enqueued and hands it to `onEnqueue` listeners. */
export interface MemoryJobQueue extends JobQueue {
  /** Every enqueued scan id, in order (with its delay). */
  readonly sent: Array<{ scanId: string; delaySeconds: number }>;
  onEnqueue(listener: (scanId: string) => void): void;
}

export function createMemoryJobQueue(): MemoryJobQueue {
  const listeners: Array<(scanId: string) => void> = [];
  const sent: MemoryJobQueue["sent"] = [];
  return {
    sent,
    onEnqueue(listener) {
      listeners.push(listener);
    },
    async enqueue(scanId, options) {
      sent.push({ scanId, delaySeconds: options?.delaySeconds ?? 0 });
      for (const listener of listeners) listener(scanId);
    },
  };
}
