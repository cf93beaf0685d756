// Cloudflare Workers entry point (wrangler.jsonc): the same Hono app as on Node, scans through the
// scan queue's consumer, the incremental advisory refresh on the Cron Trigger.
import { requeueClaimableScans } from "@regscan/core";
import { problemFor, problemResponse } from "./http/problem.js";
import type { ExecutionContextLike, QueueBatch, ScheduledControllerLike } from "./worker/cloudflare-bindings.js";
import { consumeScanBatch } from "./worker/scan-queue-consumer.js";
import type { WorkerEnv } from "./worker/worker-env.js";
import { describeError, workerRuntime } from "./worker/worker-runtime.js";

/** How long the queue waits before delivering a batch again when the Worker cannot run it. */
const UNAVAILABLE_RETRY_SECONDS = 60;

export default {
  async fetch(request: Request, env: WorkerEnv, ctx: ExecutionContextLike): Promise<Response> {
    const runtime = workerRuntime(env);
    const served = await runtime.serve();
    if (!served.ok) {
      const path = new URL(request.url).pathname;
      runtime.logger.error("request refused: the Worker cannot serve", {
        path,
        code: served.error.code,
        reason: served.error.message,
      });
      const headers: Record<string, string> =
        served.error.code === "service_unavailable" ? { "retry-after": "30" } : {};
      return problemResponse(problemFor(served.error, path), headers);
    }
    return served.value.app.fetch(request, env, ctx);
  },

  async queue(batch: QueueBatch, env: WorkerEnv): Promise<void> {
    const runtime = workerRuntime(env);
    const prepared = await runtime.prepare();
    if (!prepared.ok) {
      runtime.logger.error("scan messages put back: the Worker cannot run scans", {
        messages: batch.messages.length,
        code: prepared.error.code,
        reason: prepared.error.message,
      });
      batch.retryAll({ delaySeconds: UNAVAILABLE_RETRY_SECONDS });
      return;
    }
    await consumeScanBatch(prepared.value.deps.scans, batch, { logger: runtime.logger });
  },

  async scheduled(controller: ScheduledControllerLike, env: WorkerEnv): Promise<void> {
    const runtime = workerRuntime(env);
    const prepared = await runtime.prepare();
    if (!prepared.ok) {
      runtime.logger.error("scheduled run skipped: the Worker cannot run", {
        code: prepared.error.code,
        reason: prepared.error.message,
      });
      throw new Error(prepared.error.message);
    }
    const { deps } = prepared.value;
    // Jobs claimable for longer than a lease lost their queue message (a failed send after the row
    // was written, a dropped delivery): they go back on the queue.
    const requeued = await requeueClaimableScans(deps.scans, { graceMs: deps.scans.scanPolicy.leaseMs });
    try {
      const run = await deps.refresher.refresh();
      runtime.logger.info("advisory refresh done", {
        cron: controller.cron,
        results: run.results,
        errors: run.errors,
        requeued: requeued.length,
      });
    } catch (error) {
      runtime.logger.error("advisory refresh failed", { cron: controller.cron, error: describeError(error) });
      throw error;
    }
  },
};
