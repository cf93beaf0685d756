import { recordAudit } from "../audit/record-audit.js";
import { credentialNotFound } from "../credentials/credential-errors.js";
import { withTransaction } from "../deps.js";
import { DomainError } from "../errors/domain-error.js";
import type { Principal } from "../model/principal.js";
import { QUEUED_PROGRESS, type ScanJob } from "../model/scan.js";
import { loadProject } from "../orgs/projects.js";
import { requireFeature } from "../policy/require-feature.js";
import type { ScanDeps } from "./scan-deps.js";
import { formatTargetReference, parseStartScanInput, scanTargetFor } from "./scan-image-input.js";

export interface StartScanOptions {
  /** The `Idempotency-Key` header: the same key and request return the same scan. */
  idempotencyKey?: string;
}

export interface StartedScan {
  scan: ScanJob;
  /** True when an earlier request with the same `Idempotency-Key` created the scan. */
  replayed: boolean;
}

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

/**
 * Queues a scan of an image in a credential's registry (project `start_scan`, plan feature
 * `container_scanning`). Throws `validation_failed` for a reference on another host than the
 * credential's registry, `rate_limited` when the organization has too many queued scans, and
 * `conflict` when an `Idempotency-Key` is reused with another request.
 */
export async function startScan(
  deps: ScanDeps,
  principal: Principal,
  projectId: string,
  input: unknown,
  options: StartScanOptions = {},
): Promise<StartedScan> {
  const project = await loadProject(deps, principal, projectId, "scan.start");
  const org = await deps.orgs.getOrg(project.orgId);
  if (!org) throw new DomainError("not_found", "The organization does not exist.");
  requireFeature(org, "container_scanning");
  const request = parseStartScanInput(input);
  const stored = await deps.credentials.get(project.orgId, request.credentialId);
  if (!stored) throw credentialNotFound();
  const host = deps.registry.registryHost(stored);
  const target = scanTargetFor(request.image, host);
  const image = formatTargetReference(host, target);

  const now = deps.clock.now();
  const idempotency = options.idempotencyKey === undefined ? null : idempotencyOf(deps, options);
  const requestHash = idempotency
    ? await deps.hasher.hash(JSON.stringify([projectId, request.credentialId, image]))
    : "";
  if (idempotency) {
    const replay = await replayed(deps, project.orgId, idempotency.since, principal, idempotency.key, requestHash);
    if (replay) return { scan: replay, replayed: true };
  }

  const job: ScanJob = {
    id: deps.ids.next(),
    orgId: project.orgId,
    projectId,
    credentialId: stored.id,
    image,
    target,
    digest: target.digest,
    status: "queued",
    progress: { ...QUEUED_PROGRESS },
    summary: null,
    error: null,
    reused: null,
    advisoriesUpdatedAt: null,
    warnings: [],
    createdAt: now,
    startedAt: null,
    finishedAt: null,
    createdBy: principal.id,
    attempts: 0,
    notBefore: now,
    lease: null,
    cancelRequested: false,
  };
  // One transaction: the job, its Idempotency-Key and its audit entry commit together, and the
  // key check cannot race another request with the same key (transactions run one at a time).
  const outcome = await withTransaction(deps, async (tx): Promise<StartedScan> => {
    if (idempotency) {
      const replay = await replayed(tx, project.orgId, idempotency.since, principal, idempotency.key, requestHash);
      if (replay) return { scan: replay, replayed: true };
    }
    if (!(await tx.scans.create(job, { maxQueued: deps.scanPolicy.orgQueueLimit }))) {
      throw new DomainError(
        "rate_limited",
        `The organization already has ${deps.scanPolicy.orgQueueLimit} scans queued, the limit; wait for some to finish.`,
        { retryAfterSeconds: 60, limit: deps.scanPolicy.orgQueueLimit },
      );
    }
    if (idempotency) {
      await tx.idempotency.remember(
        { principalId: principal.id, key: idempotency.key, requestHash, scanId: job.id, createdAt: now },
        idempotency.since,
      );
    }
    await recordAudit(tx, {
      orgId: project.orgId,
      actorId: principal.id,
      action: "scan.start",
      targetType: "scan",
      targetId: job.id,
      metadata: { projectId, credentialId: stored.id, image },
    });
    return { scan: job, replayed: false };
  });
  if (outcome.replayed) return outcome;
  await deps.queue.enqueue(job.id);
  return { scan: job, replayed: false };
}

function idempotencyOf(deps: ScanDeps, options: StartScanOptions): { key: string; since: Date } {
  const key = options.idempotencyKey ?? "";
  if (!IDEMPOTENCY_KEY.test(key)) {
    throw new DomainError(
      "validation_failed",
      "The Idempotency-Key header must be 1 to 255 visible ASCII characters (a UUID is a good choice).",
      { fields: [{ path: "header.idempotency-key", message: "1 to 255 visible ASCII characters." }] },
    );
  }
  return { key, since: new Date(deps.clock.now().getTime() - deps.scanPolicy.idempotencyTtlMs) };
}

/** The scan an earlier request with this key created, or null; `conflict` when it asked for something else. */
async function replayed(
  deps: Pick<ScanDeps, "idempotency" | "scans">,
  orgId: string,
  since: Date,
  principal: Principal,
  key: string,
  requestHash: string,
): Promise<ScanJob | null> {
  const record = await deps.idempotency.find(principal.id, key, since);
  if (!record) return null;
  if (record.requestHash !== requestHash) {
    throw new DomainError(
      "conflict",
      "This Idempotency-Key was already used with another request; use a new key for a new scan.",
      { idempotencyKey: key },
    );
  }
  return deps.scans.get(orgId, record.scanId);
}
