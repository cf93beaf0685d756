import type { VulnerabilityReport } from "./vulnerability-report.js";

/** What a report format may need besides the report. */
export interface ReportContext {
  /** ANSI colour (table on a TTY). */
  color: boolean;
  tool: { name: string; version: string };
  /** Timestamp written into formats that carry one (CycloneDX metadata). */
  now: Date;
  /** SARIF: the file results point at (e.g. `Dockerfile`); default: the image's repository path. */
  sarifLocation?: string;
}

/** A report format plug-in (registered in `REPORT_FORMATS`). */
export interface ReportFormat {
  /** `--format` value. */
  readonly id: string;
  readonly description: string;
  render(report: VulnerabilityReport, context: ReportContext): string;
}
