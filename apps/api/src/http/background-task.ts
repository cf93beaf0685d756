import type { Context } from "hono";

/**
 * Keeps `task` running after the response is sent. On Workers an invocation ends with its response
 * unless the task is handed to the request's `waitUntil` (Cloudflare lets it run up to 30 s more);
 * on Node the process simply lives on. The task must handle its own errors.
 */
export function runInBackground(c: Context, task: Promise<unknown>): void {
  let ctx: { waitUntil(promise: Promise<unknown>): void } | undefined;
  try {
    ctx = c.executionCtx;
  } catch {
    // Hono throws "This context has no ExecutionContext" on Node: nothing to extend there.
  }
  ctx?.waitUntil(task);
}
