/**
 * The CodeLens, diagnostic, hover and quick fixes of one assessed FROM, as plain data; the VS Code
 * providers only translate them.
 */
import type { Finding, Severity } from "../api/api-types.js";
import { countFrom, countsInWords, highestSeverity } from "../format/counts.js";
import { progressText } from "../format/scan-progress.js";
import { ago } from "../format/time-and-size.js";
import { advisoryUrl } from "../scans/collect-findings.js";
import { lessVulnerableTags, type ScannedTag } from "./alternative-tags.js";
import type { FromAssessment } from "./assess-from-lines.js";
import type { TextRange } from "./from-lines.js";

export type Scannable = Extract<FromAssessment, { kind: "scannable" }>;

export interface Lens {
  title: string;
  /** "" for a lens that only informs. */
  command: string;
  args: unknown[];
}

export interface ScanTarget {
  credentialId: string;
  reference: string;
}

export function lensFor(a: FromAssessment, now: Date = new Date()): Lens {
  if (a.kind === "unscannable") return { title: a.reason, command: "", args: [] };
  const target: ScanTarget = { credentialId: a.credentialId, reference: a.reference };
  if (a.running) return { title: `Scanning… ${progressText(a.running.progress)}`, command: "", args: [] };
  if (!a.lastScan?.summary) return { title: "Scan image", command: "regscan.dockerfile.scanImage", args: [target] };
  const when = ago(a.lastScan.finishedAt ?? a.lastScan.createdAt, now);
  return {
    title: `${countsInWords(a.lastScan.summary)} · scanned ${when} · Rescan`,
    command: "regscan.dockerfile.scanImage",
    args: [target],
  };
}

export type DiagnosticLevel = "error" | "warning" | "information" | "hint";

const LEVEL = {
  CRITICAL: "error",
  HIGH: "warning",
  MEDIUM: "information",
  LOW: "hint",
  UNKNOWN: "hint",
} as const satisfies Record<Severity, DiagnosticLevel>;

export interface InsightDiagnostic {
  range: TextRange;
  message: string;
  level: DiagnosticLevel;
  scanId: string;
  /** The `code` shown with the diagnostic: the counts, linking to the findings. */
  code: string;
}

/** A diagnostic when the last scan found something at or above `minimum`; none when it is clean. */
export function diagnosticFor(a: FromAssessment, minimum: Severity, now: Date = new Date()): InsightDiagnostic | null {
  if (a.kind !== "scannable" || !a.lastScan?.summary) return null;
  const summary = a.lastScan.summary;
  const highest = highestSeverity(summary, minimum);
  if (highest === null || countFrom(summary, minimum) === 0) return null;
  const counts = countsInWords(summary, minimum);
  const when = ago(a.lastScan.finishedAt ?? a.lastScan.createdAt, now);
  return {
    range: a.line.range,
    message: `${a.reference} has ${counts} vulnerabilities (regscan, scanned ${when}).`,
    level: LEVEL[highest],
    scanId: a.lastScan.id,
    code: counts,
  };
}

/** Markdown of the hover: counts, digest, scan time and the top findings. Values are escaped. */
export function hoverMarkdown(a: FromAssessment, top: Finding[], now: Date = new Date()): string {
  const md = escapeMarkdown;
  if (a.kind === "unscannable") return md(a.reason);
  const lines = [`**regscan** · ${code(a.reference)}`, ""];
  if (a.running) lines.push(`Scanning: ${md(progressText(a.running.progress))}`);
  const scan = a.lastScan;
  if (!scan?.summary) {
    lines.push("Not scanned yet: use the **Scan image** CodeLens.");
    return lines.join("\n");
  }
  lines.push(`**${md(countsInWords(scan.summary))}**`, "");
  if (scan.digest) lines.push(`Digest: ${code(scan.digest)}`, "");
  lines.push(`Scanned ${md(ago(scan.finishedAt ?? scan.createdAt, now))} (${md(scan.finishedAt ?? "")})`, "");
  if (top.length > 0) {
    lines.push("| Severity | Vulnerability | Package | Fixed in |", "|---|---|---|---|");
    for (const f of top) {
      lines.push(
        `| ${md(f.severity.toLowerCase())} | [${md(f.vulnerabilityId)}](${advisoryUrl(f.vulnerabilityId)}) | ${md(f.packageName)} ${md(f.packageVersion)} | ${f.fixedVersion ? md(f.fixedVersion) : "no fix yet"} |`,
      );
    }
  }
  return lines.join("\n");
}

/** An inline code span (no escapes are read inside one, so a backtick is dropped instead). */
function code(text: string): string {
  return `\`${text.replace(/[`\r\n]/g, "")}\``;
}

export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, "\\$&").replace(/\r?\n/g, " ");
}

export interface Fix {
  title: string;
  range: TextRange;
  newText: string;
  preferred: boolean;
}

/** "Pin to digest": the reference as written plus the digest regscan scanned. */
export function pinFix(a: FromAssessment): Fix | null {
  if (a.kind !== "scannable" || a.line.reference.digest || !a.lastScan?.digest) return null;
  return {
    title: `Pin to digest ${a.lastScan.digest.slice(0, 19)}…`,
    range: a.line.range,
    newText: `${a.line.written}@${a.lastScan.digest}`,
    preferred: false,
  };
}

/** "Switch to <tag> (0 critical, 1 high)" for each less vulnerable scanned tag on the same track. */
export function switchFixes(a: FromAssessment, scanned: ScannedTag[]): Fix[] {
  if (a.kind !== "scannable" || !a.lastScan?.summary || a.line.reference.digest) return [];
  const tag = a.line.reference.tag;
  // Only a tag written literally is replaced (a tag coming from an ARG is the ARG's to change).
  if (!tag || !a.line.written.endsWith(`:${tag}`)) return [];
  const base = a.line.written.slice(0, -tag.length);
  return lessVulnerableTags({ tag, summary: a.lastScan.summary }, scanned).map((s, i) => ({
    title: `Switch to ${s.tag} (${s.summary.critical} critical, ${s.summary.high} high)`,
    range: a.line.range,
    newText: `${base}${s.tag}`,
    preferred: i === 0,
  }));
}
