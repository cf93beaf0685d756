// Public surface of the report formats (re-exported by the package index).

export type { CycloneDxJson } from "./cyclonedx-vex.js";
export { cyclonedxReport, toCycloneDxVex } from "./cyclonedx-vex.js";
export { jsonReport } from "./json-report.js";
export type { ReportContext, ReportFormat } from "./report-format.js";
export { getReportFormat, REPORT_FORMATS } from "./report-formats.js";
export type { ReportFindingsOptions, ScanOutcome } from "./report-scan.js";
export { reportFindings } from "./report-scan.js";
export { artifactPath, sarifReport, toSarif } from "./sarif-report.js";
export { renderTable, tableReport } from "./table-report.js";
export type { SeveritySummary, VulnerabilityReport } from "./vulnerability-report.js";
export { buildVulnerabilityReport, summarize } from "./vulnerability-report.js";
