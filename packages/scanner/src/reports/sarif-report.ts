import { describeIncompleteReason } from "../inventory/inventory-completeness.js";
import type { Finding } from "../matching/finding.js";
import { highest, type Severity } from "../matching/severity.js";
import { packageTypeInfo } from "../package-types.js";
import type { ReportContext, ReportFormat } from "./report-format.js";
import type { VulnerabilityReport } from "./vulnerability-report.js";

const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
/** `security-severity` when no CVSS score is known (GitHub buckets: ≥9 critical, ≥7 high, ≥4 medium). */
const DEFAULT_SCORE: Record<Severity, string> = {
  CRITICAL: "9.5",
  HIGH: "8.0",
  MEDIUM: "5.5",
  LOW: "2.0",
  UNKNOWN: "0.0",
};
const LEVEL: Record<Severity, "error" | "warning" | "note"> = {
  CRITICAL: "error",
  HIGH: "error",
  MEDIUM: "warning",
  LOW: "note",
  UNKNOWN: "note",
};

/**
 * `--format sarif`: SARIF 2.1.0 for GitHub code scanning, shaped like Trivy's and Grype's: one
 * rule per vulnerability id (help text, `security-severity`, tags), one result per vulnerable
 * package, located at the Dockerfile when given, else at the image's repository path. An
 * incomplete inventory adds an invocation with one error-level tool execution notification per
 * reason: SARIF's sign that the results cannot be assumed complete (spec appendix I).
 */
export const sarifReport: ReportFormat = {
  id: "sarif",
  description: "SARIF 2.1.0 (GitHub code scanning)",
  render: (report, context) => `${JSON.stringify(toSarif(report, context), null, 2)}\n`,
};

export function toSarif(report: VulnerabilityReport, context: ReportContext): object {
  const byId = new Map<string, Finding[]>();
  for (const f of report.vulnerabilities) {
    const list = byId.get(f.id);
    if (list) list.push(f);
    else byId.set(f.id, [f]);
  }
  const ids = [...byId.keys()].sort();
  const index = new Map(ids.map((id, i) => [id, i]));
  const uri = context.sarifLocation ?? artifactPath(report.artifact.ref);
  const rules = ids.map((id) => rule(id, byId.get(id)!));
  const results = report.vulnerabilities.map((f) => ({
    ruleId: f.id,
    ruleIndex: index.get(f.id)!,
    level: LEVEL[f.severity],
    message: { text: message(f) },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri, uriBaseId: "ROOTPATH" },
          region: { startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 },
        },
        message: { text: `${report.artifact.ref}: ${f.packageName}@${f.packageVersion}` },
      },
    ],
  }));
  return {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: context.tool.name,
            fullName: `${context.tool.name} container image scanner`,
            version: context.tool.version,
            informationUri: "https://osv.dev",
            rules,
          },
        },
        results,
        ...(report.incomplete ? { invocations: [incompleteInvocation(report)] } : {}),
        columnKind: "utf16CodeUnits",
        originalUriBaseIds: { ROOTPATH: { uri: "file:///" } },
        properties: {
          imageName: report.artifact.ref,
          imageDigest: report.artifact.digest,
          ...(report.incomplete ? { inventoryIncomplete: true } : {}),
        },
      },
    ],
  };
}

function incompleteInvocation(report: VulnerabilityReport) {
  return {
    executionSuccessful: true,
    toolExecutionNotifications: report.incompleteReasons.map((reason) => ({
      level: "error",
      message: {
        text: `Inventory incomplete, packages and their vulnerabilities may be missing: ${describeIncompleteReason(reason)}`,
      },
      descriptor: { id: reason.code },
    })),
  };
}

function rule(id: string, findings: readonly Finding[]) {
  const severity = highest(findings.map((f) => f.severity));
  const best = findings.reduce<number | null>((max, f) => {
    const s = f.cvss?.score;
    return s !== undefined && (max === null || s > max) ? s : max;
  }, null);
  const score = best !== null ? best.toFixed(1) : DEFAULT_SCORE[severity];
  const first = findings[0]!;
  const title = first.summary || id;
  const link = `https://osv.dev/vulnerability/${encodeURIComponent(id)}`;
  const packages = [...new Set(findings.map((f) => `${f.packageName}@${f.packageVersion}`))].join(", ");
  const fixed = first.fixedVersion ?? "no fix known";
  const aliases = first.aliases.length > 0 ? first.aliases.join(", ") : "none";
  return {
    id,
    name: packageTypeInfo(first.type).kind === "os" ? "OsPackageVulnerability" : "LanguageSpecificPackageVulnerability",
    shortDescription: { text: title },
    fullDescription: { text: title },
    defaultConfiguration: { level: LEVEL[severity] },
    helpUri: link,
    help: {
      text: `Vulnerability ${id}\nSeverity: ${severity}\nPackages: ${packages}\nFixed version: ${fixed}\nAliases: ${aliases}\nLink: ${link}`,
      markdown:
        `**Vulnerability ${id}**\n| Severity | Packages | Fixed version | Aliases | Link |\n| --- | --- | --- | --- | --- |\n` +
        `| ${severity} | ${packages} | ${fixed} | ${aliases} | [${id}](${link}) |`,
    },
    properties: { precision: "very-high", "security-severity": score, tags: ["vulnerability", "security", severity] },
  };
}

function message(f: Finding): string {
  return [
    `Package: ${f.packageName}`,
    `Installed Version: ${f.packageVersion}`,
    ...(f.source && f.source.name !== f.packageName ? [`Source Package: ${f.source.name} ${f.source.version}`] : []),
    `Vulnerability ${f.id}`,
    `Severity: ${f.severity}`,
    `Fixed Version: ${f.fixedVersion ?? "none"}`,
    `Link: https://osv.dev/vulnerability/${encodeURIComponent(f.id)}`,
  ].join("\n");
}

/** `docker://ghcr.io/org/app:1.2@sha256:…` → `ghcr.io/org/app` (a relative URI without scheme or tag). */
export function artifactPath(ref: string): string {
  let path = ref.replace(/^(docker|oci|docker-archive|oci-archive):(\/\/)?/, "");
  path = path.replace(/@sha256:[0-9a-f]+$/i, "");
  const slash = path.lastIndexOf("/");
  const colon = path.lastIndexOf(":");
  if (colon > slash) path = path.slice(0, colon);
  return path.replace(/[^A-Za-z0-9._~/-]/g, "_").replace(/^\/+/, "") || "image";
}
