/**
 * npm cataloger: installed packages from `node_modules/<name>/package.json` and
 * `node_modules/@scope/<name>/package.json` (nested too), the application's own root package
 * (`isRoot: true`), and `package-lock.json` contents where no node_modules exist beside it.
 * Packages owned by an OS package (context.ownedPaths) are left to the OS cataloger.
 */

import type { CatalogContext, CatalogedPackage, Cataloger, CatalogOutput, FileView, Notice } from "../model.js";
import { lockfilePackages } from "./npm-lockfile.js";
import { isOwned } from "./owned-paths.js";
import { decodeText, dirname } from "./text.js";

const INSTALLED = /(?:^|\/)node_modules\/(?:@[^/]+\/)?[^/@][^/]*\/package\.json$/;
const ROOT_MANIFEST = /(?:^|\/)package\.json$/;
const LOCKFILE = /(?:^|\/)package-lock\.json$/;
const inNodeModules = (path: string) => path.startsWith("node_modules/") || path.includes("/node_modules/");

function wantsNpm(path: string): boolean {
  if (INSTALLED.test(path)) return true;
  return !inNodeModules(path) && (ROOT_MANIFEST.test(path) || LOCKFILE.test(path));
}

function readJson(view: FileView, path: string): unknown {
  const data = view.get(path);
  if (data === undefined) return undefined;
  return JSON.parse(decodeText(data));
}

type Manifest = { name: string; version: string } | undefined;

/**
 * The name and version of each package.json read, by its bytes: the cataloger runs again after
 * every layer that changes what the OS owns, over thousands of unchanged manifests (whose bytes
 * are the same object from layer to layer). A parse error is kept as the error.
 */
const manifests = new WeakMap<Uint8Array, Manifest | { error: unknown }>();

function readManifest(view: FileView, path: string): Manifest {
  const data = view.get(path);
  if (data === undefined) return undefined;
  let known = manifests.get(data);
  if (known === undefined && !manifests.has(data)) {
    try {
      known = manifest(JSON.parse(decodeText(data)));
    } catch (error) {
      known = { error };
    }
    manifests.set(data, known);
  }
  if (known !== undefined && "error" in known) throw known.error;
  return known;
}

function manifest(json: unknown): Manifest {
  if (typeof json !== "object" || json === null) return undefined;
  const { name, version } = json as Record<string, unknown>;
  return typeof name === "string" && name !== "" && typeof version === "string" && version !== ""
    ? { name, version }
    : undefined;
}

function catalogNpm(view: FileView, context: CatalogContext): CatalogOutput {
  const packages: CatalogedPackage[] = [];
  const notices: Notice[] = [];
  const installed: string[] = [];
  const manifests: string[] = [];
  const lockfiles: string[] = [];
  const withNodeModules = new Set<string>();
  for (const path of view.paths()) {
    if (INSTALLED.test(path)) {
      installed.push(path);
      const at = path.startsWith("node_modules/") ? 0 : path.indexOf("/node_modules/");
      withNodeModules.add(at === 0 ? "" : path.slice(0, at));
    } else if (!inNodeModules(path) && ROOT_MANIFEST.test(path)) manifests.push(path);
    else if (!inNodeModules(path) && LOCKFILE.test(path)) lockfiles.push(path);
  }
  const lockDirs = new Set(lockfiles.map(dirname));
  const fail = (path: string, what: string, e: unknown) =>
    notices.push({
      code: "parse_error",
      message: `${what}: ${e instanceof Error ? e.message : String(e)}`,
      path: `/${path}`,
      incomplete: true,
    });

  for (const path of installed.sort()) {
    if (isOwned(context.ownedPaths, path)) continue;
    try {
      const m = readManifest(view, path);
      if (m) packages.push({ name: m.name, version: m.version, type: "npm", path: `/${path}` });
      else
        notices.push({
          code: "parse_error",
          message: "package.json without a name and version",
          path: `/${path}`,
          incomplete: true,
        });
    } catch (e) {
      fail(path, "invalid package.json", e);
    }
  }
  for (const path of manifests.sort()) {
    const dir = dirname(path);
    if (!withNodeModules.has(dir) && !lockDirs.has(dir)) continue;
    if (isOwned(context.ownedPaths, path)) continue;
    try {
      const m = readManifest(view, path);
      if (m) packages.push({ name: m.name, version: m.version, type: "npm", path: `/${path}`, isRoot: true });
    } catch (e) {
      fail(path, "invalid package.json", e);
    }
  }
  for (const path of lockfiles.sort()) {
    if (withNodeModules.has(dirname(path))) continue;
    try {
      for (const p of lockfilePackages(readJson(view, path))) {
        packages.push({ name: p.name, version: p.version, type: "npm", path: `/${path}` });
      }
    } catch (e) {
      fail(path, "invalid package-lock.json", e);
    }
  }
  return { packages, notices };
}

/** The npm cataloger plug-in. */
export const npmCataloger: Cataloger = {
  id: "npm",
  version: "1",
  maxFileSize: 32 * 1024 * 1024,
  wants: wantsNpm,
  catalog: catalogNpm,
};
