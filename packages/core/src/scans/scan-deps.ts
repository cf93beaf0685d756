import type { CoreDeps } from "../deps.js";
import type { RegistryGateway } from "../ports/registry-gateway.js";
import type { AdvisoryStore, ImageScanner, JobQueue } from "../ports/scans.js";

/** Limits and timings of scan jobs (each from a documented setting of the API). */
export interface ScanPolicy {
  /** Runs of one job at most (`REGSCAN_SCAN_MAX_ATTEMPTS`): transient failures are retried until then. */
  maxAttempts: number;
  /** Lease a runner holds on a job, renewed by heartbeats (`REGSCAN_SCAN_LEASE_SECONDS`). */
  leaseMs: number;
  /** Scans running at once per organization (`REGSCAN_ORG_SCAN_CONCURRENCY`). */
  orgConcurrency: number;
  /** Scans queued per organization; beyond it, `rate_limited` (`REGSCAN_ORG_SCAN_QUEUE_LIMIT`). */
  orgQueueLimit: number;
  /** First retry delay, doubled per attempt (`REGSCAN_SCAN_RETRY_BASE_SECONDS`). */
  retryBaseMs: number;
  /** Longest retry delay. */
  retryMaxMs: number;
  /** How long an `Idempotency-Key` is remembered. */
  idempotencyTtlMs: number;
  /** Longest one run of a scan may take (`REGSCAN_SCAN_TIMEOUT_SECONDS`); past it, it fails. */
  maxRunMs: number;
}

export const DEFAULT_SCAN_POLICY: ScanPolicy = {
  maxAttempts: 3,
  leaseMs: 60_000,
  orgConcurrency: 4,
  orgQueueLimit: 1000,
  retryBaseMs: 5_000,
  retryMaxMs: 300_000,
  idempotencyTtlMs: 24 * 3600_000,
  maxRunMs: 30 * 60_000,
};

/** What the scan use cases need beyond the core deps (whose repositories include the scans'). */
export interface ScanDeps extends CoreDeps {
  registry: RegistryGateway;
  queue: JobQueue;
  scanner: ImageScanner;
  advisories: AdvisoryStore;
  scanPolicy: ScanPolicy;
}
