import type { ReportFormat } from "./report-format.js";

/** `--format json`: the regscan JSON document, pretty-printed. */
export const jsonReport: ReportFormat = {
  id: "json",
  description: "regscan JSON: the inventory plus vulnerabilities and a severity summary",
  render: (report) => `${JSON.stringify(report, null, 2)}\n`,
};
