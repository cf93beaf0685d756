import type { ScanDeps } from "./scan-deps.js";

/**
 * Hands every job that has been claimable for `graceMs` (queued and due, or running with an
 * expired lease) to the queue again, at most `limit`: where runners are queue consumers (Workers),
 * a message lost after its row was written (a failed send, a dropped delivery) would otherwise
 * leave the job queued forever. Duplicates are harmless: a claim runs a job once. Returns the ids.
 */
export async function requeueClaimableScans(
  deps: Pick<ScanDeps, "scans" | "clock" | "queue">,
  options: { graceMs?: number; limit?: number } = {},
): Promise<string[]> {
  const before = new Date(deps.clock.now().getTime() - (options.graceMs ?? 60_000));
  const ids = await deps.scans.listClaimable(before, options.limit ?? 1000);
  for (const id of ids) await deps.queue.enqueue(id);
  return ids;
}
