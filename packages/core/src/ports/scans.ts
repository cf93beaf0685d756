import type {
  Finding,
  ReuseReason,
  ScanJob,
  ScanProgress,
  ScanStatus,
  Severity,
  SeveritySummary,
  StoredFinding,
} from "../model/scan.js";
import type { PullCoordinates } from "./registry-gateway.js";
import type { Page, PageRequest } from "./repositories.js";

/** Filters of a project's scan list. */
export interface ScanListFilter {
  status?: ScanStatus;
  /** A full reference (`rg.fr-par.scw.cloud/ns/app:1.2`) or a repository (`rg.fr-par.scw.cloud/ns/app`). */
  image?: string;
}

/** Filters of a scan's findings. */
export interface FindingFilter {
  severities?: Severity[];
  /** Only findings with a fixed version. */
  fixable?: boolean;
}

/** What a runner asks for when it claims a job. */
export interface ClaimRequest {
  /** Identifies the runner (process) holding the lease. */
  owner: string;
  now: Date;
  leaseUntil: Date;
  /** Jobs running at once per organization (leases still valid), the claimed one included. */
  orgConcurrency: number;
}

/** How a runner ends (or gives back) a job it holds. */
export type ScanOutcome =
  | {
      status: "succeeded";
      digest: string;
      summary: SeveritySummary;
      findings: StoredFinding[];
      reused: { scanId: string; reason: ReuseReason } | null;
      advisoriesUpdatedAt: Date | null;
      warnings: string[];
      progress: ScanProgress;
    }
  | { status: "failed"; error: { code: string; message: string }; progress: ScanProgress }
  | { status: "cancelled"; progress: ScanProgress }
  /**
   * Back to the queue: a retry after a transient failure (`countAttempt: true`, `error` says why),
   * or a job released by a runner that is shutting down (`countAttempt: false`).
   */
  | {
      status: "queued";
      notBefore: Date;
      countAttempt: boolean;
      error: { code: string; message: string } | null;
      progress: ScanProgress;
    };

/**
 * Durable scan jobs and their findings. Every state change that a runner makes is conditional on
 * its lease, so two runners (threads, processes, queue consumers) never both run one job.
 */
export interface ScanRepository {
  /**
   * Adds a queued job unless its organization already has `maxQueued` queued jobs; returns false
   * then (nothing written). Throws DomainError `conflict` when the id exists.
   */
  create(job: ScanJob, limits: { maxQueued: number }): Promise<boolean>;
  /** Scoped by organization: another org's scan is `null`. */
  get(orgId: string, scanId: string): Promise<ScanJob | null>;
  /**
   * Any organization's job by id, for runners only (a queue message names just the scan): what a
   * consumer needs to tell a finished job from one to come back for. Never for requests.
   */
  find(scanId: string): Promise<ScanJob | null>;
  /** The project's scans, newest first. */
  list(projectId: string, filter: ScanListFilter, page: PageRequest): Promise<Page<ScanJob>>;
  /**
   * Claims the oldest claimable job: queued with `notBefore <= now`, or running with an expired
   * lease (its runner died), in an organization with fewer than `orgConcurrency` other running
   * jobs. Sets it running, leased to `owner`, `attempts + 1`, `startedAt` if unset. Atomic.
   */
  claimNext(request: ClaimRequest): Promise<ScanJob | null>;
  /** Claims one job by id under the same conditions (a queue message names its job). */
  claim(scanId: string, request: ClaimRequest): Promise<ScanJob | null>;
  /**
   * Ids of jobs claimable at `before` (queued and due by then, or running with a lease expired by
   * then), oldest first, at most `limit`: the jobs a queue may have lost the message of.
   */
  listClaimable(before: Date, limit: number): Promise<string[]>;
  /**
   * Extends the lease and records progress (and the digest once known). `held: false` when the
   * lease is no longer the caller's (expired and claimed by another runner, or the job ended).
   */
  heartbeat(
    scanId: string,
    owner: string,
    update: { progress: ScanProgress; digest: string | null; leaseUntil: Date },
  ): Promise<{ held: boolean; cancelRequested: boolean }>;
  /** Ends or requeues a job held by `owner` (with its findings, atomically). False when not held. */
  finish(scanId: string, owner: string, outcome: ScanOutcome, now: Date): Promise<boolean>;
  /**
   * Cancels: a queued job ends `cancelled` at once; a running one gets `cancelRequested` (its
   * runner stops within seconds). Returns the job after the change; null when not found.
   */
  requestCancel(orgId: string, scanId: string, now: Date): Promise<ScanJob | null>;
  /** The organization's newest succeeded scan of a digest, for reuse. */
  latestSucceeded(orgId: string, digest: string): Promise<ScanJob | null>;
  /** A page of a scan's findings: highest severity first, then vulnerability id, package. */
  listFindings(scanId: string, filter: FindingFilter, page: PageRequest): Promise<Page<StoredFinding>>;
  /** Every finding of a scan, in the same order (for reports; bounded by what a scan stores). */
  allFindings(scanId: string): Promise<StoredFinding[]>;
}

/** An image inventory (SBOM) stored once per image digest, so a re-match needs no pull. */
export interface StoredInventory {
  digest: string;
  /** The scanner's inventory document (regscan JSON), opaque to core. */
  document: string;
  createdAt: Date;
}

export interface InventoryRepository {
  /** Inserts or replaces the inventory of `digest`. */
  put(inventory: StoredInventory): Promise<void>;
  get(digest: string): Promise<StoredInventory | null>;
}

/** An `Idempotency-Key` seen on scan creation. */
export interface IdempotencyRecord {
  /** Who sent it: keys of different callers never collide. */
  principalId: string;
  key: string;
  /** Hash of what the request asked for (project and body). */
  requestHash: string;
  scanId: string;
  createdAt: Date;
}

export interface IdempotencyRepository {
  /** The record of (principal, key) created at or after `notBefore` (older ones have expired). */
  find(principalId: string, key: string, notBefore: Date): Promise<IdempotencyRecord | null>;
  /**
   * Stores the record unless an unexpired one (created at or after `notBefore`) exists for the
   * same (principal, key); returns the record that is stored afterwards.
   */
  remember(record: IdempotencyRecord, notBefore: Date): Promise<IdempotencyRecord>;
}

/** Hands a new or retried job to the runners (in-process on Node, a Cloudflare Queue on Workers). */
export interface JobQueue {
  enqueue(scanId: string, options?: { delaySeconds?: number }): Promise<void>;
}

/** What to pull: the registry coordinates (with the secret) and the platform. */
export interface ImageScanRequest {
  pull: PullCoordinates;
  /** `os/arch[/variant]`; default linux/amd64 from a multi-platform index. */
  platform?: string;
}

export interface ScanCallOptions {
  signal?: AbortSignal;
  onProgress?: (progress: ScanProgress) => void;
}

/** An inventory as the scanner produced it. */
export interface InventoryResult {
  /** Manifest digest of the image. */
  digest: string;
  /** The inventory document to store and later re-match (opaque to core). */
  document: string;
  packageCount: number;
  /** Reasons packages may be missing; a non-empty list means the inventory is incomplete. */
  incomplete: Array<{ code: string; message: string; path?: string }>;
}

export interface MatchResult {
  findings: Finding[];
  /** Things the user should know (e.g. an ecosystem of the image has no advisories). */
  warnings: string[];
}

/**
 * The scanner behind the scan runner. Errors are DomainErrors (`image_not_found`, `tag_not_found`,
 * `credential_invalid`, `upstream_unavailable`, `image_too_large`, `scan_failed`, …); an aborted
 * signal rejects with its reason.
 */
export interface ImageScanner {
  /** The image's manifest digest (platform selected), without reading layers. */
  resolve(request: ImageScanRequest, options?: ScanCallOptions): Promise<{ digest: string }>;
  /** Pulls and inventories the image (layers streamed). */
  inventory(request: ImageScanRequest, options?: ScanCallOptions): Promise<InventoryResult>;
  /** Matches a stored inventory document against the advisory data. */
  match(document: string, options?: ScanCallOptions): Promise<MatchResult>;
}

/** Freshness of one advisory export (ecosystem). */
export interface AdvisoryEcosystemStatus {
  ecosystem: string;
  records: number;
  /** Newest `modified` of the imported records (ISO 8601), null when unknown. */
  lastModified: string | null;
  /** When this export was last imported or refreshed (ISO 8601), null when never. */
  importedAt: string | null;
}

/** What core needs of the advisory database: how much it holds and how fresh it is. */
export interface AdvisoryStore {
  status(): Promise<AdvisoryEcosystemStatus[]>;
}
