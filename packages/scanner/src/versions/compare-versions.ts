import { DomainError } from "@regscan/core";
import { apkComparator } from "./apk.js";
import type { VersionComparator } from "./comparator.js";
import { cranComparator } from "./cran.js";
import { dpkgComparator } from "./dpkg.js";
import { hackageComparator } from "./hackage.js";
import { mavenComparator } from "./maven.js";
import { nugetComparator } from "./nuget.js";
import { packagistComparator } from "./packagist.js";
import { pep440Comparator } from "./pep440.js";
import { pubComparator } from "./pub.js";
import { rpmComparator } from "./rpm.js";
import { rubygemsComparator } from "./rubygems.js";
import { semverComparator } from "./semver.js";

/** Every version ordering regscan ships, registered explicitly. */
export const VERSION_COMPARATORS: readonly VersionComparator[] = [
  dpkgComparator,
  apkComparator,
  rpmComparator,
  semverComparator,
  pep440Comparator,
  mavenComparator,
  rubygemsComparator,
  packagistComparator,
  nugetComparator,
  pubComparator,
  cranComparator,
  hackageComparator,
];

const byEcosystem = new Map<string, VersionComparator>(
  VERSION_COMPARATORS.flatMap((c) => c.ecosystems.map((e) => [e, c] as const)),
);

/** The OSV ecosystem name without its release suffix: "Debian:12" → "Debian", "Ubuntu:22.04:LTS" → "Ubuntu". */
export function ecosystemName(ecosystem: string): string {
  const colon = ecosystem.indexOf(":");
  return colon < 0 ? ecosystem : ecosystem.slice(0, colon);
}

/** The comparator for an OSV ecosystem string ("Debian:12", "npm", ...), or null when unsupported. */
export function getVersionComparator(ecosystem: string): VersionComparator | null {
  return byEcosystem.get(ecosystemName(ecosystem)) ?? null;
}

/** True when regscan can order versions of this OSV ecosystem. */
export function isSupportedEcosystem(ecosystem: string): boolean {
  return getVersionComparator(ecosystem) !== null;
}

/**
 * Compares two versions with the ordering of an OSV ecosystem: negative when `a` sorts before `b`,
 * 0 when equal, positive after (always -1, 0 or 1). Never throws for odd version strings; throws
 * a `validation_failed` DomainError for an ecosystem with no ordering (check `isSupportedEcosystem`).
 */
export function compareVersions(ecosystem: string, a: string, b: string): number {
  const comparator = getVersionComparator(ecosystem);
  if (!comparator) {
    throw new DomainError("validation_failed", `No version ordering for ecosystem "${ecosystem}".`, {
      ecosystem,
      supported: [...byEcosystem.keys()],
    });
  }
  return comparator.compare(a, b);
}
