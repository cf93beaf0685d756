import type { Finding } from "../matching/finding.js";
import { highest } from "../matching/severity.js";
import type { ImageInventory } from "../model.js";
import { type CycloneDxDocument, toCycloneDx } from "../sbom/cyclonedx.js";
import type { ReportContext, ReportFormat } from "./report-format.js";
import type { VulnerabilityReport } from "./vulnerability-report.js";

/** A CycloneDX 1.6 JSON document, as far as this writer touches it (the SBOM writer's type). */
export type CycloneDxJson = CycloneDxDocument;

/**
 * `--format cyclonedx`: a CycloneDX 1.6 BOM of the image's packages with a `vulnerabilities`
 * section (VEX): one entry per vulnerability id, rated, with every affected component.
 */
export const cyclonedxReport: ReportFormat = {
  id: "cyclonedx",
  description: "CycloneDX 1.6 JSON with vulnerabilities (VEX)",
  render: (report, context) => `${JSON.stringify(toCycloneDxVex(report, context), null, 2)}\n`,
};

/**
 * Adds the report's vulnerabilities to a CycloneDX BOM. `base` is the SBOM to extend (e.g. the
 * SBOM writer's output; components are matched by purl); without it the SBOM writer
 * (`toCycloneDx`) builds one from the report's inventory. The base is not modified.
 */
export function toCycloneDxVex(
  report: VulnerabilityReport,
  context: ReportContext,
  base?: CycloneDxJson,
): CycloneDxJson {
  const bom: CycloneDxJson = base ? structuredClone(base) : sbomOf(report, context);
  bom.components ??= [];
  const components = bom.components;
  const refByPurl = new Map<string, string>();
  for (const c of components) if (c.purl && c["bom-ref"]) refByPurl.set(c.purl, c["bom-ref"]);
  const refOf = (f: Finding): string => {
    let ref = refByPurl.get(f.purl);
    if (!ref) {
      ref = f.purl;
      components.push({
        type: "library",
        "bom-ref": ref,
        name: f.packageName,
        version: f.packageVersion,
        purl: f.purl,
      });
      refByPurl.set(f.purl, ref);
    }
    return ref;
  };
  const byId = new Map<string, Finding[]>();
  for (const f of report.vulnerabilities) {
    const list = byId.get(f.id);
    if (list) list.push(f);
    else byId.set(f.id, [f]);
  }
  bom.vulnerabilities = [...byId.keys()].sort().map((id) => vulnerability(id, byId.get(id)!, refOf));
  return bom;
}

/** The SBOM writer's document for the report's inventory (the report holds part 1's document). */
function sbomOf(report: VulnerabilityReport, context: ReportContext): CycloneDxJson {
  const inventory: ImageInventory = {
    schemaVersion: 1,
    artifact: { ...report.artifact },
    packages: report.packages,
    notices: report.notices,
  };
  return toCycloneDx(inventory, { tool: context.tool, now: context.now });
}

function vulnerability(id: string, findings: readonly Finding[], refOf: (f: Finding) => string) {
  const link = (x: string) => ({ name: "OSV", url: `https://osv.dev/vulnerability/${encodeURIComponent(x)}` });
  const scored = findings.filter((f) => f.cvss).sort((a, b) => b.cvss!.score - a.cvss!.score)[0];
  const severity = highest(findings.map((f) => f.severity));
  const rating = scored?.cvss
    ? {
        source: link(id),
        score: scored.cvss.score,
        severity: severity.toLowerCase(),
        method: method(scored.cvss.version),
        vector: scored.cvss.vector,
      }
    : { source: link(id), severity: severity.toLowerCase() };
  const aliases = [...new Set(findings.flatMap((f) => f.aliases))].sort();
  const fixes = [
    ...new Set(findings.filter((f) => f.fixedVersion).map((f) => `${f.packageName} to ${f.fixedVersion}`)),
  ];
  const affects = new Map<string, { ref: string; versions: { version: string; status: "affected" }[] }>();
  for (const f of findings) {
    const ref = refOf(f);
    if (!affects.has(ref)) affects.set(ref, { ref, versions: [{ version: f.packageVersion, status: "affected" }] });
  }
  return {
    "bom-ref": `vulnerability:${id}`,
    id,
    source: link(id),
    ...(aliases.length > 0 ? { references: aliases.map((a) => ({ id: a, source: link(a) })) } : {}),
    ratings: [rating],
    ...(findings[0]!.summary ? { description: findings[0]!.summary } : {}),
    ...(fixes.length > 0 ? { recommendation: `Upgrade ${fixes.join("; ")}.` } : {}),
    analysis: {
      state: "in_triage",
      detail: "The installed version is in an affected range of the advisory; exploitability has not been analysed.",
    },
    affects: [...affects.values()],
  };
}

function method(version: string): string {
  return version === "4.0" ? "CVSSv4" : version === "3.1" ? "CVSSv31" : "CVSSv3";
}
