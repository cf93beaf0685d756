import { referenceRepository, type ScanJob, SEVERITIES, type StoredFinding } from "@regscan/core";
import type { scanFindings, scanJobs } from "./schema.js";

type ScanRow = typeof scanJobs.$inferInsert;
type ScanSelect = typeof scanJobs.$inferSelect;
type FindingRow = typeof scanFindings.$inferInsert;

/** A job as its `scan_jobs` row. */
export function toScanRow(job: ScanJob): Required<ScanRow> {
  return {
    id: job.id,
    orgId: job.orgId,
    projectId: job.projectId,
    credentialId: job.credentialId,
    image: job.image,
    repository: referenceRepository(job.image),
    target: job.target,
    digest: job.digest,
    status: job.status,
    progress: job.progress,
    summary: job.summary,
    error: job.error,
    reused: job.reused,
    advisoriesUpdatedAt: job.advisoriesUpdatedAt,
    warnings: job.warnings,
    createdAt: job.createdAt,
    startedAt: job.startedAt,
    finishedAt: job.finishedAt,
    createdBy: job.createdBy,
    attempts: job.attempts,
    notBefore: job.notBefore,
    leaseOwner: job.lease?.owner ?? null,
    leaseExpiresAt: job.lease?.expiresAt ?? null,
    cancelRequested: job.cancelRequested,
  };
}

/** The job a `scan_jobs` row holds. */
export function toScanJob(row: ScanSelect): ScanJob {
  return {
    id: row.id,
    orgId: row.orgId,
    projectId: row.projectId,
    credentialId: row.credentialId,
    image: row.image,
    target: row.target,
    digest: row.digest,
    status: row.status,
    progress: row.progress,
    summary: row.summary,
    error: row.error,
    reused: row.reused,
    advisoriesUpdatedAt: row.advisoriesUpdatedAt,
    warnings: row.warnings,
    createdAt: row.createdAt,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
    createdBy: row.createdBy,
    attempts: row.attempts,
    notBefore: row.notBefore,
    lease:
      row.leaseOwner !== null && row.leaseExpiresAt !== null
        ? { owner: row.leaseOwner, expiresAt: row.leaseExpiresAt }
        : null,
    cancelRequested: row.cancelRequested,
  };
}

/** A finding as its `scan_findings` row (with the severity's rank for ordering). */
export function toFindingRow(finding: StoredFinding): Required<FindingRow> {
  return {
    id: finding.id,
    scanId: finding.scanId,
    severityRank: SEVERITIES.indexOf(finding.severity),
    vulnerabilityId: finding.vulnerabilityId,
    aliases: finding.aliases,
    packageName: finding.packageName,
    packageVersion: finding.packageVersion,
    type: finding.type,
    ecosystem: finding.ecosystem,
    purl: finding.purl,
    source: finding.source ?? null,
    fixedVersion: finding.fixedVersion,
    severity: finding.severity,
    cvss: finding.cvss ?? null,
    summary: finding.summary,
    layer: finding.layer,
  };
}
