import type { AdvisoryStore } from "../advisories/advisory-store.js";
import { type FilteredFindings, type FindingFilter, filterFindings } from "../matching/filter-findings.js";
import { type MatchOptions, matchPackages } from "../matching/match-packages.js";
import type { ImageInventory } from "../model.js";
import type { ReportContext, ReportFormat } from "./report-format.js";
import { buildVulnerabilityReport, type VulnerabilityReport } from "./vulnerability-report.js";

export interface ReportScanOptions extends MatchOptions {
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
 * The scan use case after the inventory: match the packages against the advisory store,
 * apply the filters (severity, unfixed, ignore rules), build and render the report.
 */
export async function reportScan(
  store: AdvisoryStore,
  inventory: ImageInventory,
  options: ReportScanOptions,
): Promise<ScanOutcome> {
  const matchOptions: MatchOptions = {};
  if (options.compare) matchOptions.compare = options.compare;
  if (options.supports) matchOptions.supports = options.supports;
  const findings = await matchPackages(store, inventory.packages, matchOptions);
  const { kept, ignored } = filterFindings(findings, options.filter);
  const report = buildVulnerabilityReport(inventory, kept);
  return { report, text: options.format.render(report, options.context), ignored };
}
