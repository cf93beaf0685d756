/**
 * Test support (workerd): workerd's DecompressionStream reports a rejection of its own as
 * unhandled when the data is corrupt or truncated, even when the caller handles every promise
 * it was given (cloudflare/workerd#6061; still seen in workerd 1.20260426.1). The scanner reads
 * the error from the readable side and throws `scan_failed`, which the tests check; only those
 * two known workerd messages are ignored here, any other unhandled rejection fails the test.
 */

import { afterEach, expect } from "vitest";

const WORKERD_LEAKS = new Set(["Decompression failed.", "Called close() on a decompression stream with incomplete data"]);

export interface RejectionLog {
  /** The known workerd rejections seen since the last test started. */
  readonly ignored: unknown[];
}

const isWorkerdLeak = (reason: unknown) => reason instanceof TypeError && WORKERD_LEAKS.has(reason.message);

/**
 * Takes over unhandled-rejection reporting for this file (vitest stands back when another
 * listener exists): known workerd leaks are logged, anything else fails the test after which it
 * arrived.
 */
export function trackUnhandledRejections(): RejectionLog {
  const log = { ignored: [] as unknown[] };
  const unexpected: unknown[] = [];
  process.on("unhandledRejection", (reason) => (isWorkerdLeak(reason) ? log.ignored : unexpected).push(reason));
  afterEach(async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
    log.ignored.length = 0;
    expect(unexpected.splice(0), "unhandled rejections").toEqual([]);
  });
  return log;
}
