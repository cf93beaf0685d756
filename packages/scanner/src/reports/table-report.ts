import { describeIncompleteReason } from "../inventory/inventory-completeness.js";
import type { Finding } from "../matching/finding.js";
import type { Severity } from "../matching/severity.js";
import type { ReportFormat } from "./report-format.js";
import type { VulnerabilityReport } from "./vulnerability-report.js";

const COLORS: Record<Severity, string> = {
  CRITICAL: "\x1b[1;31m",
  HIGH: "\x1b[31m",
  MEDIUM: "\x1b[33m",
  LOW: "\x1b[34m",
  UNKNOWN: "\x1b[90m",
};
const RESET = "\x1b[0m";
const BOLD = "\x1b[1m";
const SUMMARY_WIDTH = 70;
/** Reasons listed under an incomplete inventory's warning (all of them are in the JSON report). */
const MAX_REASONS = 10;

/** `--format table`: findings grouped by installed package, for people; colour only when asked. */
export const tableReport: ReportFormat = {
  id: "table",
  description: "a table for people, grouped by package (colour on a terminal)",
  render: (report, { color }) => renderTable(report, color),
};

export function renderTable(report: VulnerabilityReport, color: boolean): string {
  const paint = (code: string, text: string) => (color ? `${code}${text}${RESET}` : text);
  const { artifact, summary, vulnerabilities } = report;
  const os = artifact.os ? ` (${artifact.os.family} ${artifact.os.version})`.trimEnd() : "";
  const lines = [
    `${paint(BOLD, artifact.ref)}${os}`,
    `Packages: ${report.packages.length}   Vulnerabilities: ${vulnerabilities.length} ` +
      `(CRITICAL: ${summary.critical}, HIGH: ${summary.high}, MEDIUM: ${summary.medium}, LOW: ${summary.low}, UNKNOWN: ${summary.unknown})`,
  ];
  if (report.incomplete) for (const line of incompleteWarning(report, paint)) lines.push(line);
  if (vulnerabilities.length === 0) {
    const found = report.incomplete
      ? "No vulnerabilities found in the packages inventoried."
      : "No vulnerabilities found.";
    return `${lines.join("\n")}\n\n${found}\n`;
  }

  const groups = new Map<string, Finding[]>();
  for (const f of vulnerabilities) {
    const key = `${f.packageName}\u0000${f.packageVersion}\u0000${f.purl}`;
    const list = groups.get(key);
    if (list) list.push(f);
    else groups.set(key, [f]);
  }
  const idWidth = vulnerabilities.reduce((width, f) => Math.max(width, f.id.length), 2);
  const fixWidth = vulnerabilities.reduce((width, f) => Math.max(width, (f.fixedVersion ?? "-").length), 8);
  for (const findings of groups.values()) {
    const first = findings[0]!;
    const source =
      first.source && first.source.name !== first.packageName
        ? `, source ${first.source.name} ${first.source.version}`
        : "";
    lines.push("", `${paint(BOLD, first.packageName)} ${first.packageVersion} (${first.type}${source})`);
    lines.push(`  ${"SEVERITY".padEnd(8)}  ${"ID".padEnd(idWidth)}  ${"FIXED IN".padEnd(fixWidth)}  SUMMARY`);
    for (const f of findings) {
      const severity = paint(COLORS[f.severity], f.severity.padEnd(8));
      lines.push(
        `  ${severity}  ${f.id.padEnd(idWidth)}  ${(f.fixedVersion ?? "-").padEnd(fixWidth)}  ${truncate(f.summary)}`.trimEnd(),
      );
    }
  }
  return `${lines.join("\n")}\n`;
}

function incompleteWarning(report: VulnerabilityReport, paint: (code: string, text: string) => string): string[] {
  const reasons = report.incompleteReasons;
  const out = [
    paint(COLORS.CRITICAL, "INCOMPLETE inventory: packages and their vulnerabilities may be missing, because:"),
  ];
  for (const reason of reasons.slice(0, MAX_REASONS)) out.push(`  - ${describeIncompleteReason(reason)}`);
  if (reasons.length > MAX_REASONS) out.push(`  … and ${reasons.length - MAX_REASONS} more (see --format json)`);
  return out;
}

function truncate(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > SUMMARY_WIDTH ? `${flat.slice(0, SUMMARY_WIDTH - 1)}…` : flat;
}
