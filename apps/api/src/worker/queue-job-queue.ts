import type { JobQueue } from "@regscan/core";
import type { QueueProducer } from "./cloudflare-bindings.js";

/** A scan queue message: only the scan's id (the job row holds everything else). */
export interface ScanMessage {
  scanId: string;
}

/** Cloudflare Queues delay a message by at most 12 hours. */
export const MAX_QUEUE_DELAY_SECONDS = 43_200;

/** The Worker's JobQueue: each enqueue is one message on the scan queue (`SCAN_QUEUE`). */
export function createQueueJobQueue(queue: QueueProducer<ScanMessage>): JobQueue {
  return {
    async enqueue(scanId, options) {
      const delaySeconds = Math.min(MAX_QUEUE_DELAY_SECONDS, Math.max(0, Math.ceil(options?.delaySeconds ?? 0)));
      await queue.send({ scanId }, delaySeconds > 0 ? { delaySeconds } : undefined);
    },
  };
}

/** The scan id of a message body, or null when it is not a scan message. */
export function scanIdOf(body: unknown): string | null {
  if (typeof body !== "object" || body === null) return null;
  const { scanId } = body as { scanId?: unknown };
  return typeof scanId === "string" && scanId.length > 0 && scanId.length <= 100 ? scanId : null;
}
