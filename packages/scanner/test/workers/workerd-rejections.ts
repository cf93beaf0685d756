/**
 * Test support (workerd): workerd's DecompressionStream reports a rejection of its own as
 * unhandled when the data is corrupt or truncated, even when the caller handles every promise
 * it was given (cloudflare/workerd#6061; still seen in workerd 1.20260426.1). The scanner reads
 * the error from the readable side and throws `scan_failed`, which the tests check; only those
 * two known workerd messages are ignored here, any other unhandled rejection fails the test
 * after which it arrived (see reject-unhandled.setup.ts).
 */

const WORKERD_LEAKS = new Set([
  "Decompression failed.",
  "Called close() on a decompression stream with incomplete data",
]);
const KEY = Symbol.for("regscan.test.workerd-rejections");

export interface RejectionLog {
  /** Known workerd rejections since the current test began. */
  ignored: unknown[];
  /** Any other unhandled rejection, not yet reported. */
  unexpected: unknown[];
}

const isWorkerdLeak = (reason: unknown) => reason instanceof TypeError && WORKERD_LEAKS.has(reason.message);

/**
 * The isolate's log, listening from the first call on. vitest stands back from unhandled
 * rejections once another listener exists, so the setup file reports the unexpected ones.
 */
export function rejectionLog(): RejectionLog {
  const global = globalThis as { [KEY]?: RejectionLog };
  if (global[KEY] === undefined) {
    const log: RejectionLog = { ignored: [], unexpected: [] };
    process.on("unhandledRejection", (reason) => (isWorkerdLeak(reason) ? log.ignored : log.unexpected).push(reason));
    global[KEY] = log;
  }
  return global[KEY];
}
