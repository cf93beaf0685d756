/**
 * The cataloger registry: an explicit array (no import side effects), and `runCatalogers` to run
 * them over one view in the right order (the layer walk has its own incremental runner).
 */

import type { CatalogContext, Cataloger, CatalogOutput, FileView, OsInfo } from "../model.js";
import { apkCataloger } from "./apk.js";
import { dpkgCataloger } from "./dpkg.js";
import { goBinaryCataloger } from "./go-binary.js";
import { javaArchiveCataloger } from "./java-archive.js";
import { npmCataloger } from "./npm.js";
import { pythonCataloger } from "./python.js";
import { rpmCataloger } from "./rpm.js";

export { finalizePackage, osvEcosystem, packageUrl } from "./finalize-package.js";
export { detectOs, OS_RELEASE_MAX_SIZE, parseOsRelease, wantsOsFile } from "./os-release.js";
export {
  apkCataloger,
  dpkgCataloger,
  goBinaryCataloger,
  javaArchiveCataloger,
  npmCataloger,
  pythonCataloger,
  rpmCataloger,
};

/** Every cataloger regscan runs, OS package managers first. */
export const defaultCatalogers: readonly Cataloger[] = [
  dpkgCataloger,
  apkCataloger,
  rpmCataloger,
  npmCataloger,
  pythonCataloger,
  goBinaryCataloger,
  javaArchiveCataloger,
];

/**
 * Runs the catalogers over a view: OS catalogers first, then the others with the OS catalogers'
 * owned paths in the context. A cataloger that throws becomes a `cataloger_failed` notice.
 * The result's packages keep cataloger order; ownedPaths is the union from OS catalogers.
 */
export function runCatalogers(
  view: FileView,
  os: OsInfo | null,
  catalogers: readonly Cataloger[] = defaultCatalogers,
): CatalogOutput {
  const out: Required<CatalogOutput> = { packages: [], notices: [], ownedPaths: [] };
  const owned = new Set<string>();
  const run = (c: Cataloger, context: CatalogContext) => {
    try {
      const result = c.catalog(view, context);
      for (const pkg of result.packages) out.packages.push(pkg);
      for (const notice of result.notices ?? []) out.notices.push(notice);
      if (c.os) for (const p of result.ownedPaths ?? []) owned.add(p);
    } catch (e) {
      out.notices.push({
        code: "cataloger_failed",
        message: `${c.id} cataloger failed: ${e instanceof Error ? e.message : String(e)}`,
        incomplete: true,
      });
    }
  };
  for (const c of catalogers) if (c.os) run(c, { os });
  for (const c of catalogers) if (!c.os) run(c, { os, ownedPaths: owned });
  out.ownedPaths = [...owned];
  return out;
}
