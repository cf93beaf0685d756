/**
 * Follows a scan until it ends, reporting each change of progress. A cancellation asks the API to
 * cancel the scan, then keeps following it until the API says it ended (a running scan stops
 * within seconds), so what is shown is what happened.
 */
import { isTerminal, type Scan } from "../api/api-types.js";
import type { RegscanApi } from "../api/regscan-api.js";

export interface WatchOptions {
  onUpdate?: (scan: Scan) => void;
  /** Aborted when the user cancels. */
  cancel?: AbortSignal;
  intervalMs?: number;
  /** Gives up (throws) after this long without an end; default 30 minutes. */
  timeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function watchScan(
  api: Pick<RegscanApi, "getScan" | "cancelScan">,
  projectId: string,
  started: Scan,
  options: WatchOptions = {},
): Promise<Scan> {
  const sleep = options.sleep ?? defaultSleep;
  const now = options.now ?? Date.now;
  const interval = options.intervalMs ?? 1000;
  const deadline = now() + (options.timeoutMs ?? 30 * 60_000);
  let scan = started;
  let cancelRequested = false;
  options.onUpdate?.(scan);
  while (!isTerminal(scan.status)) {
    if (options.cancel?.aborted && !cancelRequested) {
      cancelRequested = true;
      scan = await api.cancelScan(projectId, scan.id);
      options.onUpdate?.(scan);
      continue;
    }
    if (now() > deadline) throw new Error(`The scan ${scan.id} did not end in time; it is still ${scan.status}.`);
    await sleep(interval);
    const next = await api.getScan(projectId, scan.id);
    if (JSON.stringify(next.progress) !== JSON.stringify(scan.progress) || next.status !== scan.status) {
      options.onUpdate?.(next);
    }
    scan = next;
  }
  return scan;
}
