import type { AdvisoryStore, PackageKey } from "../advisories/advisory-store.js";
import { packageKeyId } from "../advisories/advisory-store.js";
import { ecosystemApplies, normalizePackageName } from "../advisories/ecosystem.js";
import type { ImagePackage } from "../model.js";
import { packageTypeInfo } from "../package-types.js";
import { compareVersions, isSupportedEcosystem } from "../versions/index.js";
import { isAffected, lowestFixAbove } from "./affected-by.js";
import type { Finding } from "./finding.js";
import { mergeMatches, type RecordMatch } from "./merge-matches.js";
import type { CompareVersions } from "./version-compare.js";

export interface MatchOptions {
  /** Version order per ecosystem (default: the package's `compareVersions`). */
  compare?: CompareVersions;
  /** Ecosystems the comparator orders (default: `isSupportedEcosystem`); other packages are skipped. */
  supports?: (ecosystem: string) => boolean;
  /** Packages looked up per store query (default 500). */
  batchSize?: number;
  /** Stops the match between batches. */
  signal?: AbortSignal;
}

/**
 * The name and version an advisory is matched on (the package-type table's rule: distributions
 * publish OS advisories by SOURCE package, language ecosystems by package name, Go without the
 * "v", Maven only with a known group), or null when the package is not matched at all.
 */
export function advisoryKey(pkg: ImagePackage): (PackageKey & { version: string }) | null {
  const key = packageTypeInfo(pkg.type).advisoryKey(pkg);
  return key === null ? null : { ecosystem: pkg.ecosystem, ...key };
}

/**
 * Matches installed packages against the advisory store: one finding per (issue, installed
 * package), with records of the same issue merged. Lookups are batched and indexed; withdrawn
 * records never match. Findings come in package order, each package's sorted by id.
 */
export async function matchPackages(
  store: AdvisoryStore,
  packages: readonly ImagePackage[],
  options: MatchOptions = {},
): Promise<Finding[]> {
  const compare = options.compare ?? compareVersions;
  const supports = options.supports ?? isSupportedEcosystem;
  const size = options.batchSize ?? 500;
  const findings: Finding[] = [];
  for (let i = 0; i < packages.length; i += size) {
    options.signal?.throwIfAborted();
    const batch: { pkg: ImagePackage; key: PackageKey & { version: string } }[] = [];
    for (const pkg of packages.slice(i, i + size)) {
      const key = pkg.ecosystem && supports(pkg.ecosystem) ? advisoryKey(pkg) : null;
      if (key !== null) batch.push({ pkg, key });
    }
    const records = await store.findForPackages(batch.map((b) => b.key));
    for (const { pkg, key } of batch) {
      const cmp = (a: string, b: string) => compare(pkg.ecosystem, a, b);
      const matches: RecordMatch[] = [];
      for (const record of records.get(packageKeyId(key)) ?? []) {
        if (record.withdrawn) continue;
        const name = normalizePackageName(key.ecosystem, key.name);
        const entries = (record.affected ?? []).filter(
          (a) =>
            a.package !== undefined &&
            ecosystemApplies(a.package.ecosystem, key.ecosystem) &&
            normalizePackageName(key.ecosystem, a.package.name) === name &&
            isAffected(a, key.version, cmp),
        );
        if (entries.length === 0) continue;
        const fixes = entries.map((e) => lowestFixAbove(e, key.version, cmp)).filter((f): f is string => f !== null);
        const fixed = fixes.reduce<string | null>((best, f) => (best === null || cmp(f, best) < 0 ? f : best), null);
        matches.push({ record, entries, fixed });
      }
      for (const merged of mergeMatches(matches, cmp)) {
        const finding: Finding = {
          id: merged.id,
          aliases: merged.aliases,
          packageName: pkg.name,
          packageVersion: pkg.version,
          type: pkg.type,
          ecosystem: pkg.ecosystem,
          purl: pkg.purl,
          fixedVersion: merged.fixed,
          severity: merged.rating.severity,
          summary: merged.summary,
          layer: pkg.layer,
        };
        if (packageTypeInfo(pkg.type).kind === "os" && pkg.source)
          finding.source = { name: pkg.source.name, version: pkg.source.version };
        if (merged.rating.cvss) finding.cvss = merged.rating.cvss;
        findings.push(finding);
      }
    }
  }
  return findings;
}
