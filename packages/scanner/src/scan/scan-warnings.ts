import type { EcosystemStatus } from "../advisories/advisory-store.js";
import { missingEcosystems } from "../advisories/missing-ecosystems.js";
import type { ImageInventory } from "../model.js";

/** Something a scan's user must know about its result, as data (the CLI prints it, the API stores it). */
export type ScanWarning =
  | { code: "advisories_empty"; message: string }
  | { code: "advisories_missing"; message: string; ecosystem: string; packages: number };

/**
 * Why a result may show fewer findings than the image has: an empty advisory database, or
 * ecosystems of the image with no advisories imported (never implied clean).
 */
export function scanWarnings(inventory: ImageInventory, status: readonly EcosystemStatus[]): ScanWarning[] {
  if (status.every((s) => s.records === 0)) {
    return [
      {
        code: "advisories_empty",
        message: "the advisory database is empty; run `regscan db update` (or `regscan db import`) first.",
      },
    ];
  }
  return missingEcosystems(inventory.packages, status).map((m) => ({
    code: "advisories_missing",
    message: `no ${m.ecosystem} advisories in the database, so ${m.packages} ${m.ecosystem} packages were not checked; run \`regscan db update --ecosystem "${m.ecosystem}"\`.`,
    ecosystem: m.ecosystem,
    packages: m.packages,
  }));
}
