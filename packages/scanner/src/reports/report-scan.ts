import { type FilteredFindings, type FindingFilter, filterFindings } from "../matching/filter-findings.js";
import type { Finding } from "../matching/finding.js";
import type { ImageInventory } from "../model.js";
import type { ReportContext, ReportFormat } from "./report-format.js";
import { buildVulnerabilityReport, type VulnerabilityReport } from "./vulnerability-report.js";

export interface ReportFindingsOptions {
  filter: FindingFilter;
  format: ReportFormat;
  context: ReportContext;
}

export interface ScanOutcome {
  report: VulnerabilityReport;
  /** The rendered report. */
  text: string;
  ignored: FilteredFindings["ignored"];
}

/**
 * The last step of a scan (after `createImageScanner`'s match): apply the filters (severity,
 * unfixed, ignore rules), build the report and render it in the chosen format.
 */
export function reportFindings(
  inventory: ImageInventory,
  findings: readonly Finding[],
  options: ReportFindingsOptions,
): ScanOutcome {
  const { kept, ignored } = filterFindings(findings, options.filter);
  const report = buildVulnerabilityReport(inventory, kept);
  return { report, text: options.format.render(report, options.context), ignored };
}
