/**
 * The cataloger registry: an explicit array (no import side effects), and helpers the layer walk
 * uses to decide which files to keep and to run the catalogers in the right order.
 */

import type { CatalogContext, CatalogOutput, Cataloger, FileView, OsInfo } from "../model.js";
import { apkCataloger } from "./apk.js";
import { dpkgCataloger } from "./dpkg.js";
import { npmCataloger } from "./npm.js";
import { OS_RELEASE_MAX_SIZE, wantsOsFile } from "./os-release.js";
import { pythonCataloger } from "./python.js";
import { rpmCataloger } from "./rpm.js";

export { detectOs, OS_RELEASE_MAX_SIZE, parseOsRelease, wantsOsFile } from "./os-release.js";
export { finalizePackage, osvEcosystem, packageUrl } from "./finalize-package.js";
export { apkCataloger, dpkgCataloger, npmCataloger, pythonCataloger, rpmCataloger };

/** Every cataloger regscan runs, OS package managers first. */
export const defaultCatalogers: readonly Cataloger[] = [dpkgCataloger, apkCataloger, rpmCataloger, npmCataloger, pythonCataloger];

/**
 * Size cap for a path if the OS detection or any cataloger wants it, else undefined (skip the
 * file). When several want it, the largest cap wins.
 */
export function wantedFileLimit(path: string, catalogers: readonly Cataloger[] = defaultCatalogers): number | undefined {
  let limit = wantsOsFile(path) ? OS_RELEASE_MAX_SIZE : undefined;
  for (const c of catalogers) {
    if (c.wants(path)) limit = Math.max(limit ?? 0, c.maxFileSize);
  }
  return limit;
}

/**
 * Shrinks a kept file with its cataloger's `reduce`, only when every cataloger (and the OS
 * detection) that wants the path agrees to the reduction (each wanting one has `reduce`).
 */
export function reduceWantedFile(path: string, data: Uint8Array, catalogers: readonly Cataloger[] = defaultCatalogers): Uint8Array {
  if (wantsOsFile(path)) return data;
  const wanting = catalogers.filter((c) => c.wants(path));
  if (wanting.length !== 1 || wanting[0]?.reduce === undefined) return data;
  try {
    return wanting[0].reduce(path, data);
  } catch {
    return data;
  }
}

/**
 * Runs the catalogers over a view: OS catalogers first, then the others with the OS catalogers'
 * owned paths in the context. A cataloger that throws becomes a `cataloger_failed` notice.
 * The result's packages keep cataloger order; ownedPaths is the union from OS catalogers.
 */
export function runCatalogers(view: FileView, os: OsInfo | null, catalogers: readonly Cataloger[] = defaultCatalogers): CatalogOutput {
  const out: Required<CatalogOutput> = { packages: [], notices: [], ownedPaths: [] };
  const owned = new Set<string>();
  const run = (c: Cataloger, context: CatalogContext) => {
    try {
      const result = c.catalog(view, context);
      out.packages.push(...result.packages);
      out.notices.push(...(result.notices ?? []));
      if (c.os) for (const p of result.ownedPaths ?? []) owned.add(p);
    } catch (e) {
      out.notices.push({ code: "cataloger_failed", message: `${c.id} cataloger failed: ${e instanceof Error ? e.message : String(e)}` });
    }
  };
  for (const c of catalogers) if (c.os) run(c, { os });
  for (const c of catalogers) if (!c.os) run(c, { os, ownedPaths: owned });
  out.ownedPaths = [...owned];
  return out;
}
