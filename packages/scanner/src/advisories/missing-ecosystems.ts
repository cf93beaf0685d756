import type { ImagePackage } from "../model.js";
import { packageTypeInfo } from "../package-types.js";
import type { EcosystemStatus } from "./advisory-store.js";
import { ecosystemPrefix } from "./ecosystem.js";

export interface MissingEcosystem {
  /** The OSV export name (`Debian`, `npm`, `PyPI`), as `regscan db update --ecosystem` takes it. */
  ecosystem: string;
  /** How many of the image's packages cannot be matched for lack of its advisories. */
  packages: number;
}

/**
 * The ecosystems of the image's packages for which the advisory database holds no record, so that
 * a scan can say "0 findings because nothing was imported" instead of implying the image is clean.
 */
export function missingEcosystems(
  packages: readonly ImagePackage[],
  status: readonly EcosystemStatus[],
): MissingEcosystem[] {
  const present = new Set(status.filter((s) => s.records > 0).map((s) => ecosystemPrefix(s.ecosystem)));
  const counts = new Map<string, number>();
  for (const p of packages) {
    // Packages that are never matched (a Maven archive of unknown group) need no advisories.
    if (packageTypeInfo(p.type).advisoryKey(p) === null) continue;
    const prefix = ecosystemPrefix(p.ecosystem);
    if (!present.has(prefix)) counts.set(prefix, (counts.get(prefix) ?? 0) + 1);
  }
  return [...counts]
    .map(([ecosystem, n]) => ({ ecosystem, packages: n }))
    .sort((a, b) => a.ecosystem.localeCompare(b.ecosystem));
}
