import type { PackageType } from "../model.js";
import type { CvssScore, Severity } from "./severity.js";

/**
 * One vulnerability of one installed package: an entry of the JSON report's `vulnerabilities`.
 * Records of the same issue (a CVE, its DSA / DEBIAN-CVE / GHSA ...) are merged into one finding.
 */
export interface Finding {
  /** Primary id: the CVE id when the merged records name one, else the GHSA id, else the smallest record id. */
  id: string;
  /** Every other id of the merged records (record ids, aliases, upstream), sorted. */
  aliases: string[];
  packageName: string;
  packageVersion: string;
  type: PackageType;
  ecosystem: string;
  purl: string;
  /** The source package the advisory was matched through (OS packages). */
  source?: { name: string; version: string };
  /** Lowest fixed version above the installed one, or null when no fix is known. */
  fixedVersion: string | null;
  severity: Severity;
  cvss?: CvssScore;
  summary: string;
  /** diffID of the layer that introduced the package. */
  layer: string;
}
