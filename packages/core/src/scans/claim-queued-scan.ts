import { isFinished, type ScanJob } from "../model/scan.js";
import { claimScan } from "./run-scan.js";
import type { ScanDeps } from "./scan-deps.js";

/**
 * What a queue consumer does with a message naming a scan. Messages carry only the scan id and may
 * arrive twice or late, so the job row decides: `run` (claimed now, with the runners' lease),
 * `later` (not claimable yet: come back after `delayMs`), or `done` (nothing to do: acknowledge).
 */
export type QueuedScanDecision =
  | { action: "run"; job: ScanJob }
  | { action: "later"; delayMs: number; reason: "not_before" | "leased" | "org_concurrency" }
  | { action: "done"; reason: "finished" | "not_found" };

/** Never sooner than this: a message bounced at once would spin. */
const MIN_DELAY_MS = 1000;

/**
 * Claims the job a queue message names, or says when to look again: after a retry's `notBefore`,
 * after the lease of the runner holding it (it may die; then this message claims it), or after a
 * lease's length when the organization already runs its limit of scans.
 */
export async function claimQueuedScan(
  deps: Pick<ScanDeps, "scans" | "clock" | "scanPolicy">,
  scanId: string,
  owner: string,
): Promise<QueuedScanDecision> {
  const job = await claimScan(deps, scanId, owner);
  if (job) return { action: "run", job };
  const current = await deps.scans.find(scanId);
  if (!current) return { action: "done", reason: "not_found" };
  if (isFinished(current.status)) return { action: "done", reason: "finished" };
  const now = deps.clock.now().getTime();
  const later = (ms: number, reason: "not_before" | "leased" | "org_concurrency") =>
    ({ action: "later", delayMs: Math.max(MIN_DELAY_MS, Math.ceil(ms)), reason }) as const;
  if (current.status === "queued" && current.notBefore.getTime() > now) {
    return later(current.notBefore.getTime() - now, "not_before");
  }
  if (current.status === "running" && current.lease && current.lease.expiresAt.getTime() >= now) {
    // Just past the lease: a live runner has renewed it by then, a dead one has lost it.
    return later(current.lease.expiresAt.getTime() - now + MIN_DELAY_MS, "leased");
  }
  // A slot frees when one of the organization's scans ends, which takes about a lease or more.
  return later(deps.scanPolicy.leaseMs, "org_concurrency");
}
