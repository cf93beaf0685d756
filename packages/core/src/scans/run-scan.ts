import { recordAudit } from "../audit/record-audit.js";
import { DomainError } from "../errors/domain-error.js";
import type { UsableCredential } from "../model/credential.js";
import { type ScanJob, type ScanProgress, type StoredFinding, summarizeFindings } from "../model/scan.js";
import type { ImageScanRequest, ScanOutcome } from "../ports/scans.js";
import type { ScanDeps } from "./scan-deps.js";
import { ScanLease } from "./scan-lease.js";
import {
  advisoriesUpdatedAt,
  decideAfterFailure,
  incompleteInventoryError,
  interruptedError,
  sameAdvisoryData,
  timedOutError,
} from "./scan-transitions.js";

export interface RunScanOptions {
  /** The runner holding the lease (the one that claimed the job). */
  owner: string;
  /** Aborted when the runner shuts down: the job goes back to the queue, not counted as an attempt. */
  shutdown?: AbortSignal;
  /** How often the lease is renewed and progress recorded. Default: a third of the lease, at most 2 s. */
  heartbeatMs?: number;
}

/** How a run ended. `lost`: another runner holds the job now (this one's lease expired). */
export type RunScanOutcome = "succeeded" | "failed" | "cancelled" | "retrying" | "released" | "lost";

export interface RunScanResult {
  outcome: RunScanOutcome;
  /** A failure that was not a DomainError (a bug), for the runner's log: the job failed `internal`. */
  unexpected?: unknown;
}

/** Claims the oldest claimable job for `owner` (see `ScanRepository.claimNext`). */
export async function claimNextScan(deps: Pick<ScanDeps, "scans" | "clock" | "scanPolicy">, owner: string) {
  const now = deps.clock.now();
  return deps.scans.claimNext({
    owner,
    now,
    leaseUntil: new Date(now.getTime() + deps.scanPolicy.leaseMs),
    orgConcurrency: deps.scanPolicy.orgConcurrency,
  });
}

/** Claims one job by id (a queue message names it); null when it is not claimable now. */
export async function claimScan(deps: Pick<ScanDeps, "scans" | "clock" | "scanPolicy">, scanId: string, owner: string) {
  const now = deps.clock.now();
  return deps.scans.claim(scanId, {
    owner,
    now,
    leaseUntil: new Date(now.getTime() + deps.scanPolicy.leaseMs),
    orgConcurrency: deps.scanPolicy.orgConcurrency,
  });
}

/**
 * Runs a claimed job to its end: decrypts the credential (audited), resolves the image's digest,
 * reuses an earlier result of that digest when the advisory data is the same, re-matches its stored
 * inventory when only the advisories changed, and otherwise pulls and inventories the image; then
 * stores the findings. Transient failures are retried with backoff; the lease is renewed while it
 * runs, and a cancel request or a lost lease stops it within a heartbeat.
 */
export async function runScan(deps: ScanDeps, job: ScanJob, options: RunScanOptions): Promise<RunScanResult> {
  const policy = deps.scanPolicy;
  const heartbeatMs = options.heartbeatMs ?? Math.max(50, Math.min(2000, policy.leaseMs / 3));
  const lease = new ScanLease(deps, job, options.owner, heartbeatMs, options.shutdown);
  const finish = async (outcome: ScanOutcome, result: RunScanOutcome, unexpected?: unknown) => {
    const held = await deps.scans.finish(job.id, options.owner, outcome, deps.clock.now());
    return { outcome: held ? result : "lost", ...(unexpected === undefined ? {} : { unexpected }) } as RunScanResult;
  };
  try {
    if (job.cancelRequested) return await finish({ status: "cancelled", progress: job.progress }, "cancelled");
    if (job.attempts > policy.maxAttempts) {
      return await finish(
        { status: "failed", error: interruptedError(job.attempts), progress: job.progress },
        "failed",
      );
    }
    const outcome = await scanImage(deps, job, lease);
    return await finish(outcome, "succeeded");
  } catch (error) {
    const progress = lease.progress;
    if (lease.unexpected !== undefined) {
      return { outcome: "lost", unexpected: lease.unexpected };
    }
    if (lease.reason === "lost") return { outcome: "lost" };
    if (lease.reason === "cancel") return await finish({ status: "cancelled", progress }, "cancelled");
    if (lease.reason === "timeout") {
      return await finish({ status: "failed", error: timedOutError(policy.maxRunMs), progress }, "failed");
    }
    if (lease.reason === "shutdown") {
      const released: ScanOutcome = {
        status: "queued",
        notBefore: deps.clock.now(),
        countAttempt: false,
        error: null,
        progress,
      };
      return await finish(released, "released");
    }
    const decision = decideAfterFailure(job, error, policy);
    const unexpected = decision.error.code === "internal" ? error : undefined;
    if (decision.action === "retry") {
      const notBefore = new Date(deps.clock.now().getTime() + decision.delayMs);
      const result = await finish(
        {
          status: "queued",
          notBefore,
          countAttempt: true,
          error: decision.error,
          progress: { ...progress, phase: "queued" },
        },
        "retrying",
      );
      if (result.outcome === "retrying")
        await deps.queue.enqueue(job.id, { delaySeconds: Math.ceil(decision.delayMs / 1000) });
      return result;
    }
    return await finish({ status: "failed", error: decision.error, progress }, "failed", unexpected);
  } finally {
    await lease.close();
  }
}

/** The scan itself, from credential to findings; throws on any failure. */
async function scanImage(deps: ScanDeps, job: ScanJob, lease: ScanLease): Promise<ScanOutcome> {
  const signal = lease.signal;
  const phase = (name: ScanProgress["phase"]) => lease.update({ ...lease.progress, phase: name });
  phase("resolving");
  const credential = await credentialForScan(deps, job);
  const { namespace, image, tag, digest } = job.target;
  const pull = await deps.registry.pullSource(credential, namespace, image, digest ?? tag ?? "latest", { signal });
  const request: ImageScanRequest = { pull };
  const resolved = await deps.scanner.resolve(request, { signal });
  lease.update(lease.progress, resolved.digest);
  const updatedAt = advisoriesUpdatedAt(await deps.advisories.status());

  const previous = await deps.scans.latestSucceeded(job.orgId, resolved.digest);
  if (previous && sameAdvisoryData(previous.advisoriesUpdatedAt, updatedAt)) {
    const findings = renumber(deps, job, await deps.scans.allFindings(previous.id));
    return succeeded(job, lease, resolved.digest, findings, previous.warnings, updatedAt, {
      scanId: previous.id,
      reason: "same_digest",
    });
  }
  const stored = previous ? await deps.inventories.get(resolved.digest) : null;
  let document = stored?.document ?? null;
  let scannedDigest = resolved.digest;
  if (document === null) {
    phase("pulling");
    const inventory = await deps.scanner.inventory(request, {
      signal,
      onProgress: (p) => lease.update({ ...p, phase: "pulling" }),
    });
    if (inventory.incomplete.length > 0) throw incompleteInventoryError(inventory.incomplete);
    scannedDigest = inventory.digest;
    lease.update(lease.progress, scannedDigest);
    await deps.inventories.put({ digest: scannedDigest, document: inventory.document, createdAt: deps.clock.now() });
    document = inventory.document;
  }
  phase("matching");
  const match = await deps.scanner.match(document, { signal });
  const findings = renumber(
    deps,
    job,
    match.findings.map(({ id, ...rest }) => ({ ...rest, id, vulnerabilityId: id, scanId: job.id })),
  );
  const reused = stored && previous ? { scanId: previous.id, reason: "advisories_updated" as const } : null;
  return succeeded(job, lease, scannedDigest, findings, match.warnings, updatedAt, reused);
}

function succeeded(
  job: ScanJob,
  lease: ScanLease,
  digest: string,
  findings: StoredFinding[],
  warnings: string[],
  advisoriesUpdatedAt: Date | null,
  reused: ScanJob["reused"],
): ScanOutcome {
  const progress = { ...lease.progress, phase: "done" as const };
  if (progress.layersTotal > 0) progress.layersDone = progress.layersTotal;
  return {
    status: "succeeded",
    digest,
    summary: summarizeFindings(findings),
    findings,
    reused,
    advisoriesUpdatedAt,
    warnings: [...warnings],
    progress: job.progress.phase === "done" ? job.progress : progress,
  };
}

/** Findings of this scan with ids of their own. */
function renumber(deps: Pick<ScanDeps, "ids">, job: ScanJob, findings: readonly StoredFinding[]): StoredFinding[] {
  return findings.map((f) => ({ ...f, id: deps.ids.next(), scanId: job.id }));
}

/** The job's credential with its secret (audited as `credential.use` by the scan's creator). */
async function credentialForScan(deps: ScanDeps, job: ScanJob): Promise<UsableCredential> {
  const stored = await deps.credentials.get(job.orgId, job.credentialId);
  if (!stored) {
    throw new DomainError(
      "not_found",
      "The credential this scan uses was deleted; start the scan again with another credential.",
    );
  }
  const secretKey = await deps.cipher.decrypt(stored.encryptedSecret, { orgId: job.orgId, credentialId: stored.id });
  await recordAudit(deps, {
    orgId: job.orgId,
    actorId: job.createdBy,
    action: "credential.use",
    targetType: "credential",
    targetId: stored.id,
    metadata: { purpose: "scan", scanId: job.id, projectId: job.projectId },
  });
  const { encryptedSecret: _encrypted, ...credential } = stored;
  return { ...credential, secretKey };
}
