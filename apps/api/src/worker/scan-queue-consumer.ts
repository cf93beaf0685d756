/**
 * The Queue consumer of the Worker: each message names a scan; the job row decides what happens
 * (claimQueuedScan). A claimed job runs with the same lease, heartbeats and retries as on Node
 * (runScan), so a duplicated or redelivered message never runs a scan twice. A job that is not
 * claimable yet goes back on the queue with a delay, as a new message (a job may wait longer
 * than the queue's retry budget); a message whose handling fails (the database is unreachable) is
 * retried by the queue, and its job, still leased, is claimed again once the lease expires.
 */
import { claimQueuedScan, runScan, type ScanDeps } from "@regscan/core";
import type { Logger } from "../http/logger.js";
import type { QueueBatch, QueueMessage } from "./cloudflare-bindings.js";
import { scanIdOf } from "./queue-job-queue.js";

/** Delay of a message whose handling failed before it is delivered again. */
export const RETRY_FAILED_MESSAGE_SECONDS = 10;

export interface ConsumeOptions {
  logger: Logger;
  /** The lease owner of one run (unique per run). */
  owner?: () => string;
}

/** Handles a batch, one message after the other (one invocation's CPU budget is shared by them). */
export async function consumeScanBatch(deps: ScanDeps, batch: QueueBatch, options: ConsumeOptions): Promise<void> {
  for (const message of batch.messages) {
    const scanId = scanIdOf(message.body);
    if (scanId === null) {
      options.logger.error("scan queue message without a scan id: dropped", { messageId: message.id });
      message.ack();
      continue;
    }
    try {
      await consumeOne(deps, message, scanId, options);
    } catch (error) {
      options.logger.error("scan queue message failed: the queue delivers it again", {
        scanId,
        messageId: message.id,
        attempts: message.attempts,
        error: describe(error),
      });
      message.retry({ delaySeconds: RETRY_FAILED_MESSAGE_SECONDS });
    }
  }
}

async function consumeOne(deps: ScanDeps, message: QueueMessage, scanId: string, options: ConsumeOptions) {
  const owner = options.owner?.() ?? `worker:${crypto.randomUUID()}`;
  const decision = await claimQueuedScan(deps, scanId, owner);
  if (decision.action === "done") {
    options.logger.info("scan queue message acknowledged", { scanId, reason: decision.reason });
    message.ack();
    return;
  }
  if (decision.action === "later") {
    await deps.queue.enqueue(scanId, { delaySeconds: Math.ceil(decision.delayMs / 1000) });
    options.logger.info("scan not claimable yet: queued again", {
      scanId,
      reason: decision.reason,
      delayMs: decision.delayMs,
    });
    message.ack();
    return;
  }
  const result = await runScan(deps, decision.job, { owner });
  if (result.unexpected !== undefined) {
    options.logger.error("scan stopped by an unexpected error", { scanId, error: describe(result.unexpected) });
  }
  options.logger.info("scan run ended", { scanId, outcome: result.outcome, attempt: decision.job.attempts });
  if (result.outcome === "lost" || result.outcome === "released") {
    // Another runner holds the job now, or this one could not keep its lease: look again once the
    // lease has run out, when the job has ended or can be claimed.
    await deps.queue.enqueue(scanId, { delaySeconds: Math.ceil(deps.scanPolicy.leaseMs / 1000) + 1 });
  }
  message.ack();
}

/** Name, message and code of an error and of its causes (the database's own error, say). */
function describe(error: unknown, depth = 0): Record<string, unknown> {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    const cause = depth < 3 && error.cause !== undefined ? { cause: describe(error.cause, depth + 1) } : {};
    return { name: error.name, message: error.message, ...(typeof code === "string" ? { code } : {}), ...cause };
  }
  return { value: String(error) };
}
