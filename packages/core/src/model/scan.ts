/**
 * The vocabulary of scans, shared by the scanner (which produces it), the API (which serves it)
 * and the job runners: severities, findings, summaries, progress and the scan job itself.
 */

/** Severity levels of a finding, highest first. Part of the JSON report and API contracts. */
export const SEVERITIES = ["CRITICAL", "HIGH", "MEDIUM", "LOW", "UNKNOWN"] as const;
export type Severity = (typeof SEVERITIES)[number];

/** A scored CVSS vector. */
export interface CvssScore {
  /** "3.0" | "3.1" | "4.0" */
  version: string;
  vector: string;
  score: number;
}

/** Counts of findings by severity. */
export interface SeveritySummary {
  critical: number;
  high: number;
  medium: number;
  low: number;
  unknown: number;
}

/**
 * One vulnerability of one installed package (an entry of the CLI JSON report's
 * `vulnerabilities`). Records of the same issue (a CVE, its DSA, GHSA …) are merged into one.
 */
export interface Finding {
  /** Primary vulnerability id: the CVE id when the merged records name one, else the GHSA id, … */
  id: string;
  /** Every other id of the merged records, sorted. */
  aliases: string[];
  packageName: string;
  packageVersion: string;
  /** Package type (`deb`, `apk`, `rpm`, `npm`, `pypi`, …), as the scanner names it. */
  type: string;
  /** OSV ecosystem (`Debian:12`, `npm`). */
  ecosystem: string;
  purl: string;
  /** The source package the advisory was matched through (OS packages). */
  source?: { name: string; version: string };
  /** Lowest fixed version above the installed one, or null when no fix is known. */
  fixedVersion: string | null;
  severity: Severity;
  cvss?: CvssScore;
  summary: string;
  /** diffID of the layer that introduced the package. */
  layer: string;
}

/** A finding stored for a scan: `id` names the finding, `vulnerabilityId` the vulnerability. */
export interface StoredFinding extends Omit<Finding, "id"> {
  id: string;
  scanId: string;
  vulnerabilityId: string;
}

/** Counts findings by severity. */
export function summarizeFindings(findings: Iterable<Pick<Finding, "severity">>): SeveritySummary {
  const summary: SeveritySummary = { critical: 0, high: 0, medium: 0, low: 0, unknown: 0 };
  for (const finding of findings) summary[finding.severity.toLowerCase() as keyof SeveritySummary] += 1;
  return summary;
}

export const SCAN_STATUSES = ["queued", "running", "succeeded", "failed", "cancelled"] as const;
export type ScanStatus = (typeof SCAN_STATUSES)[number];

/** Where a scan is: waiting, reading the manifest, walking layers, matching, finished. */
export const SCAN_PHASES = ["queued", "resolving", "pulling", "matching", "done"] as const;
export type ScanPhase = (typeof SCAN_PHASES)[number];

/** Progress of a scan. Bytes are compressed layer bytes (layers served from a cache count whole). */
export interface ScanProgress {
  phase: ScanPhase;
  layersDone: number;
  layersTotal: number;
  bytesDone: number;
  bytesTotal: number;
}

export const QUEUED_PROGRESS: ScanProgress = {
  phase: "queued",
  layersDone: 0,
  layersTotal: 0,
  bytesDone: 0,
  bytesTotal: 0,
};

/** Why a scan did not pull its image: it reused an earlier result. */
export const REUSE_REASONS = [
  /** The same digest was scanned against the same advisory data: its findings were copied. */
  "same_digest",
  /** The same digest was scanned before, but advisories changed: its inventory was re-matched. */
  "advisories_updated",
] as const;
export type ReuseReason = (typeof REUSE_REASONS)[number];

/** What a scan pulls, as the caller named it inside the credential's registry. */
export interface ScanTarget {
  /** Scaleway namespace. */
  namespace: string;
  /** Image name inside the namespace (may contain `/`). */
  image: string;
  /** Tag, or null when the image was named by digest. */
  tag: string | null;
  /** `sha256:…` when the image was named by digest. */
  digest: string | null;
}

/** A scan job: a durable row that a runner claims with a lease. */
export interface ScanJob {
  id: string;
  orgId: string;
  projectId: string;
  credentialId: string;
  /** Full reference, `rg.fr-par.scw.cloud/ns/image:tag` or `…@sha256:…`. */
  image: string;
  target: ScanTarget;
  /** Manifest digest of the scanned image, once resolved. */
  digest: string | null;
  status: ScanStatus;
  progress: ScanProgress;
  /** Counts by severity, once succeeded. */
  summary: SeveritySummary | null;
  error: { code: string; message: string } | null;
  reused: { scanId: string; reason: ReuseReason } | null;
  /** Freshness of the advisory data the findings were matched against. */
  advisoriesUpdatedAt: Date | null;
  /** Things the user should know about the result (e.g. an ecosystem without advisories). */
  warnings: string[];
  createdAt: Date;
  /** When a runner first picked it up. */
  startedAt: Date | null;
  finishedAt: Date | null;
  /** Token id of the caller who started the scan. */
  createdBy: string;
  /** Runs started so far (a claim counts one). */
  attempts: number;
  /** Not claimable before this time (retry backoff). */
  notBefore: Date;
  /** The runner holding the job and until when, while running. */
  lease: { owner: string; expiresAt: Date } | null;
  /** Set by a cancel request while running; the runner stops and ends the job `cancelled`. */
  cancelRequested: boolean;
}

export function isFinished(status: ScanStatus): boolean {
  return status === "succeeded" || status === "failed" || status === "cancelled";
}
