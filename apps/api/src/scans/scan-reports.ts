/**
 * The documents of a finished scan, rendered by the scanner's own report formats from the stored
 * inventory and findings: the same JSON, SARIF and CycloneDX the CLI writes for the same image.
 */
import type { ScanJob, StoredFinding } from "@regscan/core";
import {
  buildVulnerabilityReport,
  type Finding,
  getReportFormat,
  parseInventoryDocument,
  toCycloneDxJson,
} from "@regscan/scanner";

export const REPORT_MEDIA_TYPES = {
  json: "application/json",
  sarif: "application/sarif+json",
  cyclonedx: "application/vnd.cyclonedx+json",
} as const;

export type ReportFormatId = keyof typeof REPORT_MEDIA_TYPES;

const TOOL = { name: "regscan", version: "1.0.0" };

/** A stored finding as the scanner's report formats take it (`id` is the vulnerability). */
function toReportFinding(f: StoredFinding): Finding {
  const { id: _findingId, scanId: _scanId, vulnerabilityId, ...rest } = f;
  return { ...rest, id: vulnerabilityId } as Finding;
}

/** The scan's report in `format`. */
export function renderScanReport(
  result: { scan: ScanJob; findings: StoredFinding[]; inventory: string },
  format: ReportFormatId,
): { body: string; contentType: string } {
  const inventory = parseInventoryDocument(result.inventory);
  inventory.artifact.ref = result.scan.image;
  const report = buildVulnerabilityReport(inventory, result.findings.map(toReportFinding));
  const renderer = getReportFormat(format);
  if (!renderer) throw new Error(`report format ${format} is not registered`);
  const body = renderer.render(report, { color: false, tool: TOOL, now: result.scan.finishedAt ?? new Date(0) });
  return { body, contentType: REPORT_MEDIA_TYPES[format] };
}

/** The scan's inventory as a CycloneDX 1.6 SBOM. */
export function renderScanSbom(result: { scan: ScanJob; inventory: string }): { body: string; contentType: string } {
  const inventory = parseInventoryDocument(result.inventory);
  inventory.artifact.ref = result.scan.image;
  const body = toCycloneDxJson(inventory, { tool: TOOL, now: result.scan.finishedAt ?? new Date(0) });
  return { body, contentType: REPORT_MEDIA_TYPES.cyclonedx };
}
