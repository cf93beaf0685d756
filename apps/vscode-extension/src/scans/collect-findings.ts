/** All findings of a scan for the summary view, page by page, up to a limit it says it reached. */
import type { Finding } from "../api/api-types.js";
import type { RegscanApi } from "../api/regscan-api.js";

export const MAX_FINDINGS = 5000;

export interface CollectedFindings {
  findings: Finding[];
  /** False when the limit (or a repeated cursor) stopped the collection before the end. */
  complete: boolean;
}

export async function collectFindings(
  api: Pick<RegscanApi, "findings">,
  projectId: string,
  scanId: string,
  max = MAX_FINDINGS,
): Promise<CollectedFindings> {
  const findings: Finding[] = [];
  const seen = new Set<string>();
  let cursor: string | null = null;
  for (;;) {
    const page = await api.findings(projectId, scanId, { cursor, limit: 100 });
    findings.push(...page.items);
    if (page.nextCursor === null) return { findings: findings.slice(0, max), complete: findings.length <= max };
    if (findings.length >= max || seen.has(page.nextCursor))
      return { findings: findings.slice(0, max), complete: false };
    seen.add(page.nextCursor);
    cursor = page.nextCursor;
  }
}

/** The advisory page of a vulnerability id on OSV (which has pages for CVE, GHSA, DSA… ids). */
export function advisoryUrl(vulnerabilityId: string): string {
  return `https://osv.dev/vulnerability/${encodeURIComponent(vulnerabilityId)}`;
}
