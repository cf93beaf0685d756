import { DomainError } from "../errors/domain-error.js";
import { type ScanJob, SEVERITIES, type StoredFinding } from "../model/scan.js";
import type { Page } from "../ports/repositories.js";
import type { ClaimRequest, ScanRepository } from "../ports/scans.js";
import { referenceRepository } from "../scans/scan-image-input.js";
import { constant } from "./memory-org-repository.js";

/** What an in-memory ScanRepository holds: jobs and the findings of each scan. */
export interface MemoryScanState {
  jobs: Map<string, ScanJob>;
  findings: Map<string, StoredFinding[]>;
}

export function emptyScanState(): MemoryScanState {
  return { jobs: new Map(), findings: new Map() };
}

/** In-memory ScanRepository for tests (runs the ScanRepository contract); `state` gives the current state. */
export function createMemoryScanRepository(
  state: () => MemoryScanState = constant(emptyScanState()),
): ScanRepository & { jobs(): ScanJob[] } {
  // Every call reads the current state: a transaction swaps in its draft.
  const current = () => state();
  const clone = (job: ScanJob) => structuredClone(job);
  const holds = (job: ScanJob | undefined, owner: string): job is ScanJob =>
    job !== undefined && job.status === "running" && job.lease?.owner === owner;
  const claimable = (job: ScanJob, now: Date) =>
    (job.status === "queued" && job.notBefore.getTime() <= now.getTime()) ||
    (job.status === "running" && job.lease !== null && job.lease.expiresAt.getTime() < now.getTime());
  const runningIn = (orgId: string, now: Date, except: string) =>
    [...current().jobs.values()].filter(
      (j) =>
        j.orgId === orgId &&
        j.id !== except &&
        j.status === "running" &&
        j.lease !== null &&
        j.lease.expiresAt.getTime() >= now.getTime(),
    ).length;
  const take = (job: ScanJob, request: ClaimRequest): ScanJob => {
    job.status = "running";
    job.lease = { owner: request.owner, expiresAt: new Date(request.leaseUntil) };
    job.attempts += 1;
    job.startedAt ??= new Date(request.now);
    return clone(job);
  };
  const eligible = (job: ScanJob, request: ClaimRequest) =>
    claimable(job, request.now) && runningIn(job.orgId, request.now, job.id) < request.orgConcurrency;

  return {
    jobs: () => [...current().jobs.values()].map(clone),
    async create(job, limits) {
      if (current().jobs.has(job.id)) throw new DomainError("conflict", `A scan with id ${job.id} already exists.`);
      const queued = [...current().jobs.values()].filter((j) => j.orgId === job.orgId && j.status === "queued").length;
      if (queued >= limits.maxQueued) return false;
      current().jobs.set(job.id, clone(job));
      return true;
    },
    async get(orgId, scanId) {
      const job = current().jobs.get(scanId);
      return job && job.orgId === orgId ? clone(job) : null;
    },
    async find(scanId) {
      const job = current().jobs.get(scanId);
      return job ? clone(job) : null;
    },
    async list(projectId, filter, page) {
      const all = [...current().jobs.values()]
        .filter((j) => j.projectId === projectId)
        .filter((j) => filter.status === undefined || j.status === filter.status)
        .filter(
          (j) =>
            filter.image === undefined || j.image === filter.image || referenceRepository(j.image) === filter.image,
        )
        .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
      return pageOf(all, page.limit, page.cursor, (j) => `${j.createdAt.getTime()}:${j.id}`).map(clone);
    },
    async claimNext(request) {
      const candidates = [...current().jobs.values()]
        .filter((j) => eligible(j, request))
        .sort((a, b) => a.notBefore.getTime() - b.notBefore.getTime() || a.createdAt.getTime() - b.createdAt.getTime());
      const job = candidates[0];
      return job ? take(job, request) : null;
    },
    async listClaimable(before, limit) {
      return [...current().jobs.values()]
        .filter((j) => claimable(j, before))
        .sort((a, b) => a.notBefore.getTime() - b.notBefore.getTime() || a.createdAt.getTime() - b.createdAt.getTime())
        .slice(0, limit)
        .map((j) => j.id);
    },
    async claim(scanId, request) {
      const job = current().jobs.get(scanId);
      return job && eligible(job, request) ? take(job, request) : null;
    },
    async heartbeat(scanId, owner, update) {
      const job = current().jobs.get(scanId);
      if (!holds(job, owner)) return { held: false, cancelRequested: false };
      job.progress = { ...update.progress };
      if (update.digest !== null) job.digest = update.digest;
      job.lease = { owner, expiresAt: new Date(update.leaseUntil) };
      return { held: true, cancelRequested: job.cancelRequested };
    },
    async finish(scanId, owner, outcome, now) {
      const job = current().jobs.get(scanId);
      if (!holds(job, owner)) return false;
      job.lease = null;
      job.progress = { ...outcome.progress };
      if (outcome.status === "queued") {
        job.status = "queued";
        job.notBefore = new Date(outcome.notBefore);
        if (!outcome.countAttempt) job.attempts -= 1;
        job.error = outcome.error;
        return true;
      }
      job.status = outcome.status;
      job.finishedAt = new Date(now);
      if (outcome.status === "failed") job.error = { ...outcome.error };
      if (outcome.status === "succeeded") {
        job.error = null;
        job.digest = outcome.digest;
        job.summary = { ...outcome.summary };
        job.reused = outcome.reused ? { ...outcome.reused } : null;
        job.advisoriesUpdatedAt = outcome.advisoriesUpdatedAt ? new Date(outcome.advisoriesUpdatedAt) : null;
        job.warnings = [...outcome.warnings];
        current().findings.set(scanId, structuredClone(outcome.findings));
      }
      return true;
    },
    async requestCancel(orgId, scanId, now) {
      const job = current().jobs.get(scanId);
      if (!job || job.orgId !== orgId) return null;
      if (job.status === "queued") {
        job.status = "cancelled";
        job.finishedAt = new Date(now);
      } else if (job.status === "running") {
        job.cancelRequested = true;
      }
      return clone(job);
    },
    async latestSucceeded(orgId, digest) {
      const found = [...current().jobs.values()]
        .filter((j) => j.orgId === orgId && j.status === "succeeded" && j.digest === digest)
        .sort((a, b) => (b.finishedAt?.getTime() ?? 0) - (a.finishedAt?.getTime() ?? 0))[0];
      return found ? clone(found) : null;
    },
    async listFindings(scanId, filter, page) {
      const all = sortFindings(current().findings.get(scanId) ?? [])
        .filter((f) => filter.severities === undefined || filter.severities.includes(f.severity))
        .filter((f) => filter.fixable !== true || f.fixedVersion !== null);
      return pageOf(all, page.limit, page.cursor, (f) => f.id).map((f) => structuredClone(f));
    },
    async allFindings(scanId) {
      return sortFindings(current().findings.get(scanId) ?? []).map((f) => structuredClone(f));
    },
  };
}

/** The documented finding order: highest severity first, then vulnerability id, package, id. */
export function sortFindings(findings: readonly StoredFinding[]): StoredFinding[] {
  const rank = (f: StoredFinding) => SEVERITIES.indexOf(f.severity);
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...findings].sort(
    (a, b) =>
      rank(a) - rank(b) ||
      cmp(a.vulnerabilityId, b.vulnerabilityId) ||
      cmp(a.packageName, b.packageName) ||
      cmp(a.packageVersion, b.packageVersion) ||
      cmp(a.id, b.id),
  );
}

/** A page after the item whose key is `cursor` (keys are unique in `sorted`). */
function pageOf<T>(sorted: T[], limit: number, cursor: string | undefined, key: (item: T) => string) {
  let start = 0;
  if (cursor !== undefined) {
    const at = sorted.findIndex((item) => key(item) === cursor);
    if (at < 0)
      throw new DomainError(
        "validation_failed",
        "The cursor is not valid: pass the nextCursor of a previous page unchanged.",
      );
    start = at + 1;
  }
  const items = sorted.slice(start, start + limit);
  const last = items[items.length - 1];
  const next = start + limit < sorted.length && last !== undefined ? key(last) : null;
  return {
    map: <U>(f: (item: T) => U): Page<U> => ({ items: items.map(f), nextCursor: next }),
  };
}
