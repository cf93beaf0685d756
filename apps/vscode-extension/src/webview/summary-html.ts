/**
 * The scan summary page: counts in words, what the scan read, and a table of findings that the
 * local script (media/summary.js) sorts and filters. Strict CSP: nothing but this extension's own
 * style sheet and the nonce'd local script; every value from the API is escaped.
 */
import { type Finding, type Scan, SEVERITY_ORDER } from "../api/api-types.js";
import { countsInWords } from "../format/counts.js";
import { ago } from "../format/time-and-size.js";
import { advisoryUrl } from "../scans/collect-findings.js";

export interface SummaryPage {
  scan: Scan;
  findings: Finding[];
  complete: boolean;
  /** `webview.cspSource`. */
  cspSource: string;
  nonce: string;
  scriptUri: string;
  styleUri: string;
  now?: Date;
}

export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `style-src ${cspSource}`,
    `img-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
    "form-action 'none'",
    "base-uri 'none'",
  ].join("; ");
}

const RANK = Object.fromEntries(SEVERITY_ORDER.map((s, i) => [s, i]));

export function summaryHtml(page: SummaryPage): string {
  const { scan, findings } = page;
  const now = page.now ?? new Date();
  const e = escapeHtml;
  const counts = scan.summary ? countsInWords(scan.summary) : "no result";
  const facts = [
    ["Image", scan.image],
    ["Digest", scan.digest ?? "not resolved"],
    ["Scanned", scan.finishedAt ? `${ago(scan.finishedAt, now)} (${scan.finishedAt})` : scan.status],
    ["Advisories updated", scan.advisories.updatedAt ?? "unknown"],
  ];
  if (scan.reused)
    facts.push(["Reused", `result of scan ${scan.reused.scanId} (${scan.reused.reason.replaceAll("_", " ")})`]);
  const notes = [
    ...scan.warnings,
    ...(page.complete ? [] : [`Only the first ${findings.length} findings are listed here.`]),
  ];
  const rows = findings
    .map(
      (
        f,
      ) => `<tr data-severity="${e(f.severity)}" data-rank="${RANK[f.severity] ?? 9}" data-score="${f.cvss?.score ?? -1}">
<td><span class="sev sev-${e(f.severity.toLowerCase())}">${e(f.severity.toLowerCase())}</span></td>
<td><a href="${e(advisoryUrl(f.vulnerabilityId))}">${e(f.vulnerabilityId)}</a>${f.cvss ? ` <span class="score">${e(f.cvss.score)}</span>` : ""}</td>
<td>${e(f.packageName)}</td><td>${e(f.packageVersion)}</td><td>${f.fixedVersion ? e(f.fixedVersion) : '<span class="muted">no fix yet</span>'}</td>
<td>${e(f.ecosystem)}</td><td class="summary">${e(f.summary)}</td></tr>`,
    )
    .join("\n");
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${e(contentSecurityPolicy(page.cspSource, page.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${e(page.styleUri)}">
<title>${e(scan.image)}</title>
</head>
<body>
<h1>${e(scan.image)}</h1>
<p class="counts" id="counts">${e(counts)}</p>
<dl class="facts">${facts.map(([k, v]) => `<dt>${e(k)}</dt><dd>${e(v)}</dd>`).join("")}</dl>
${notes.length ? `<ul class="notes">${notes.map((n) => `<li>${e(n)}</li>`).join("")}</ul>` : ""}
${
  findings.length === 0
    ? '<p class="clean">No vulnerabilities found.</p>'
    : `<div class="controls">
<label>Filter <input id="filter" type="search" placeholder="package, id or text"></label>
<label>Severity <select id="severity"><option value="">all</option>${SEVERITY_ORDER.map((s) => `<option value="${s}">${s.toLowerCase()}</option>`).join("")}</select></label>
<span id="shown" aria-live="polite"></span>
</div>
<table id="findings">
<thead><tr><th data-sort="rank" aria-sort="ascending">Severity</th><th data-sort="text">Vulnerability</th><th data-sort="text">Package</th><th data-sort="text">Installed</th><th data-sort="text">Fixed in</th><th data-sort="text">Ecosystem</th><th data-sort="text">Summary</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`
}
<script nonce="${e(page.nonce)}" src="${e(page.scriptUri)}"></script>
</body>
</html>`;
}
