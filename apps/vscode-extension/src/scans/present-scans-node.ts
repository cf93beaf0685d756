/** How each Scans node looks (no VS Code import). */
import type { Scan, Severity } from "../api/api-types.js";
import { countsInWords, criticalAndHigh } from "../format/counts.js";
import { progressText } from "../format/scan-progress.js";
import { ago } from "../format/time-and-size.js";
import { errorLook, loadMoreLook, type NodeLook } from "../tree/present-registry-node.js";
import { advisoryUrl } from "./collect-findings.js";
import type { ScansNode } from "./scans-tree-model.js";

export const SEVERITY_WORDS = {
  CRITICAL: "critical",
  HIGH: "high",
  MEDIUM: "medium",
  LOW: "low",
  UNKNOWN: "of unknown severity",
} as const satisfies Record<Severity, string>;

const SEVERITY_LOOK = {
  CRITICAL: { icon: "error", color: "errorForeground" },
  HIGH: { icon: "warning", color: "editorWarning.foreground" },
  MEDIUM: { icon: "info", color: "editorInfo.foreground" },
  LOW: { icon: "circle-outline", color: "descriptionForeground" },
  UNKNOWN: { icon: "question", color: "descriptionForeground" },
} as const satisfies Record<Severity, { icon: string; color: string }>;

/** `ns/image:tag` of a reference (the host is in the tooltip). */
export function shortImage(image: string): string {
  const slash = image.indexOf("/");
  return slash > 0 && /[.:]|^localhost$/.test(image.slice(0, slash)) ? image.slice(slash + 1) : image;
}

/** One line about a scan: its counts and age, its progress, or why it ended without a result. */
export function scanDescription(scan: Scan, now: Date = new Date()): string {
  switch (scan.status) {
    case "succeeded":
      return `${scan.summary ? countsInWords(scan.summary) : "no summary"} · ${ago(scan.finishedAt ?? scan.createdAt, now)}`;
    case "queued":
    case "running":
      return progressText(scan.progress);
    case "failed":
      return `failed${scan.error ? `: ${scan.error.code}` : ""} · ${ago(scan.finishedAt ?? scan.createdAt, now)}`;
    case "cancelled":
      return `cancelled · ${ago(scan.finishedAt ?? scan.createdAt, now)}`;
  }
}

function scanIcon(scan: Scan): { icon: string; iconColor?: string } {
  if (scan.status === "queued" || scan.status === "running") return { icon: "sync~spin" };
  if (scan.status === "failed") return { icon: "error", iconColor: "errorForeground" };
  if (scan.status === "cancelled") return { icon: "circle-slash" };
  if (scan.summary && criticalAndHigh(scan.summary) > 0) return { icon: "shield", iconColor: "errorForeground" };
  return { icon: "pass", iconColor: "testing.iconPassed" };
}

export function presentScansNode(node: ScansNode, now: Date = new Date()): NodeLook {
  switch (node.kind) {
    case "scan": {
      const s = node.scan;
      const lines = [s.image, s.digest ? `Digest: ${s.digest}` : null, `Status: ${s.status}`];
      if (s.error) lines.push(`${s.error.code}: ${s.error.message}`);
      if (s.reused) lines.push(`Result reused from scan ${s.reused.scanId} (${s.reused.reason.replaceAll("_", " ")})`);
      for (const w of s.warnings) lines.push(`⚠ ${w}`);
      return {
        label: shortImage(s.image),
        description: scanDescription(s, now),
        tooltip: lines.filter((l): l is string => l !== null).join("\n"),
        ...scanIcon(s),
        contextValue: `regscan.scan.${s.status}`,
        expandable: true,
        ...(s.status === "succeeded"
          ? { command: { id: "regscan.scan.openSummary", title: "Open summary", args: [s] } }
          : {}),
      };
    }
    case "group": {
      const look = SEVERITY_LOOK[node.severity];
      return {
        label: `${node.count} ${SEVERITY_WORDS[node.severity]}`,
        tooltip: `${node.count} findings of severity ${node.severity}`,
        icon: look.icon,
        iconColor: look.color,
        contextValue: "regscan.severityGroup",
        expandable: true,
      };
    }
    case "finding": {
      const f = node.finding;
      const fixed = f.fixedVersion ? `→ ${f.fixedVersion}` : "→ no fix yet";
      return {
        label: f.packageName,
        description: `${f.packageVersion} ${fixed} · ${f.vulnerabilityId}`,
        tooltip: [
          `${f.vulnerabilityId} (${f.severity}${f.cvss ? `, CVSS ${f.cvss.score}` : ""})`,
          f.summary,
          `${f.packageName} ${f.packageVersion} (${f.ecosystem}) ${fixed}`,
          f.aliases.length ? `Also: ${f.aliases.join(", ")}` : null,
          advisoryUrl(f.vulnerabilityId),
        ]
          .filter((l): l is string => !!l)
          .join("\n"),
        icon: "bug",
        contextValue: "regscan.finding",
        expandable: false,
        command: { id: "regscan.finding.openAdvisory", title: "Open advisory", args: [f] },
      };
    }
    case "loadMore":
      return loadMoreLook("regscan.scans.loadMore", node);
    case "error":
      return errorLook(node, "regscan.scans.error");
    case "notice":
      return { label: node.text, tooltip: node.text, icon: "info", contextValue: "regscan.notice", expandable: false };
  }
}
