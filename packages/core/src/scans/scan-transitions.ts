/**
 * The pure decisions of a scan run: what to do after a failure, how long to wait before a retry,
 * whether an earlier result can be reused, and how fresh the advisory data is.
 */
import { DomainError, type ErrorCode, isDomainError } from "../errors/domain-error.js";
import type { ScanJob } from "../model/scan.js";
import type { AdvisoryEcosystemStatus } from "../ports/scans.js";
import type { ScanPolicy } from "./scan-deps.js";

/** Failures that may pass if the scan runs again later (a registry down, a dropped connection). */
export const TRANSIENT_SCAN_ERRORS: readonly ErrorCode[] = ["upstream_unavailable", "rate_limited"];

export type FailureDecision =
  | { action: "retry"; delayMs: number; error: { code: string; message: string } }
  | { action: "fail"; error: { code: string; message: string } };

/** Backoff before attempt `attempts + 1`: `retryBaseMs`, doubled per attempt, at most `retryMaxMs`. */
export function retryDelayMs(policy: ScanPolicy, attempts: number): number {
  return Math.min(policy.retryMaxMs, policy.retryBaseMs * 2 ** Math.max(0, attempts - 1));
}

/**
 * After attempt `job.attempts` failed with `error`: retry a transient failure while attempts
 * remain; otherwise fail. A download that kept breaking off ends `scan_failed` naming the layer.
 * Anything that is not a DomainError is a bug: it fails as `internal`, without its message.
 */
export function decideAfterFailure(
  job: Pick<ScanJob, "attempts">,
  error: unknown,
  policy: ScanPolicy,
): FailureDecision {
  if (!isDomainError(error)) {
    return {
      action: "fail",
      error: { code: "internal", message: "An unexpected error stopped the scan; the server log has the details." },
    };
  }
  const transient = TRANSIENT_SCAN_ERRORS.includes(error.code);
  if (transient && job.attempts < policy.maxAttempts) {
    return { action: "retry", delayMs: retryDelayMs(policy, job.attempts), error: toScanError(error) };
  }
  if (transient) {
    const layer = error.details?.digest ?? error.details?.layer;
    const code = error.code === "upstream_unavailable" && typeof layer === "string" ? "scan_failed" : error.code;
    return {
      action: "fail",
      error: { code, message: `${error.message} (gave up after ${job.attempts} attempts)` },
    };
  }
  return { action: "fail", error: toScanError(error) };
}

function toScanError(error: DomainError): { code: string; message: string } {
  return { code: error.code, message: error.message };
}

/** The error of a job whose runners kept dying before it finished. */
export function interruptedError(attempts: number): { code: string; message: string } {
  return {
    code: "scan_failed",
    message: `The scan was interrupted ${attempts - 1} times (its runner stopped or lost its lease) and was not started again.`,
  };
}

/** The error of a run stopped by its time limit (not retried: the next run would take as long). */
export function timedOutError(maxRunMs: number): { code: string; message: string } {
  const minutes = Math.round((maxRunMs / 60_000) * 10) / 10;
  return {
    code: "scan_failed",
    message: `The scan took longer than ${minutes} min, the limit of one run, and was stopped; the registry may be very slow or the image very large.`,
  };
}

/** The freshness of the advisory data: when it was last imported or refreshed; null when empty. */
export function advisoriesUpdatedAt(status: readonly AdvisoryEcosystemStatus[]): Date | null {
  let newest: number | null = null;
  for (const s of status) {
    if (s.records === 0 || s.importedAt === null) continue;
    const at = Date.parse(s.importedAt);
    if (Number.isFinite(at) && (newest === null || at > newest)) newest = at;
  }
  return newest === null ? null : new Date(newest);
}

/** True when an earlier scan's findings were matched against exactly this advisory data. */
export function sameAdvisoryData(previous: Date | null, current: Date | null): boolean {
  return previous !== null && current !== null && previous.getTime() === current.getTime();
}

/** The DomainError of an inventory that misses packages: the scan fails rather than look clean. */
export function incompleteInventoryError(
  reasons: ReadonlyArray<{ code: string; message: string; path?: string }>,
): DomainError {
  const shown = reasons.slice(0, 5).map((r) => (r.path ? `${r.message} (${r.path})` : r.message));
  const more = reasons.length > shown.length ? ` (and ${reasons.length - shown.length} more)` : "";
  return new DomainError(
    "inventory_incomplete",
    `The image was read, but some of its packages could not be inventoried, so a clean result could be wrong: ${shown.join("; ")}${more}.`,
    { reasons: reasons.slice(0, 50) },
  );
}
