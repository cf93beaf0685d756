import { cyclonedxReport } from "./cyclonedx-vex.js";
import { jsonReport } from "./json-report.js";
import type { ReportFormat } from "./report-format.js";
import { sarifReport } from "./sarif-report.js";
import { tableReport } from "./table-report.js";

/** Every report format, registered explicitly; the first is the default. */
export const REPORT_FORMATS: readonly ReportFormat[] = [tableReport, jsonReport, sarifReport, cyclonedxReport];

/** The format with this `--format` id, or undefined. */
export function getReportFormat(id: string): ReportFormat | undefined {
  return REPORT_FORMATS.find((f) => f.id === id);
}
