import type { OsvRecord } from "./osv-record.js";

/**
 * OSV ecosystem strings and package names as the advisory index keys them.
 */

/** `Debian:12` → `Debian`, `Ubuntu:Pro:18.04:LTS` → `Ubuntu`, `npm` → `npm`. */
export function ecosystemPrefix(ecosystem: string): string {
  const i = ecosystem.indexOf(":");
  return i === -1 ? ecosystem : ecosystem.slice(0, i);
}

/**
 * The ecosystems an advisory may be indexed under for a package of `ecosystem`: the full
 * string (`Debian:12`) and, when it has a release, the bare prefix (`Debian`), which some
 * records use for every release.
 */
export function lookupEcosystems(ecosystem: string): string[] {
  const prefix = ecosystemPrefix(ecosystem);
  return prefix === ecosystem ? [ecosystem] : [ecosystem, prefix];
}

/** True when an advisory's `affected[].package.ecosystem` applies to a package's ecosystem. */
export function ecosystemApplies(advisoryEcosystem: string, packageEcosystem: string): boolean {
  return advisoryEcosystem === packageEcosystem || advisoryEcosystem === ecosystemPrefix(packageEcosystem);
}

/**
 * A package name as the index compares it: PyPI names per PEP 503 (lowercase, runs of `-_.`
 * become `-`); every other ecosystem (npm included) keeps the name as published.
 */
export function normalizePackageName(ecosystem: string, name: string): string {
  if (ecosystemPrefix(ecosystem) === "PyPI") return name.toLowerCase().replace(/[-_.]+/g, "-");
  return name;
}

/** The export a record belongs to when nobody says: its first affected ecosystem's prefix. */
export function recordSource(record: OsvRecord): string {
  const eco = record.affected?.find((a) => a.package?.ecosystem)?.package?.ecosystem;
  return eco ? ecosystemPrefix(eco) : "unknown";
}
