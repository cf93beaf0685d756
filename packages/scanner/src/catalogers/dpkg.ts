/**
 * dpkg cataloger: `var/lib/dpkg/status` (Debian, Ubuntu) and `var/lib/dpkg/status.d/*`
 * (distroless: one stanza file per package). Reports installed packages with their source
 * package, and the python / node_modules paths the packages own (from `info/*.list`).
 */

import type { CatalogedPackage, Cataloger, CatalogOutput, FileView, Notice } from "../model.js";
import { relevantOwnedPath } from "./owned-paths.js";
import { decodeText, headerFields, lines, paragraphs } from "./text.js";

const STATUS = "var/lib/dpkg/status";
const STATUS_D = "var/lib/dpkg/status.d/";
const INFO = "var/lib/dpkg/info/";

function isStatusD(path: string): boolean {
  return path.startsWith(STATUS_D) && !path.endsWith(".md5sums") && !path.slice(STATUS_D.length).includes("/");
}

function isList(path: string): boolean {
  return path.startsWith(INFO) && path.endsWith(".list") && !path.slice(INFO.length).includes("/");
}

/** Parses the stanzas of one status file; `requireStatus` is false for status.d entries. */
export function parseDpkgStatus(text: string, path: string, requireStatus: boolean): CatalogOutput {
  const packages: CatalogedPackage[] = [];
  const notices: Notice[] = [];
  let stanzas = 0;
  for (const paragraph of paragraphs(text)) {
    const fields = headerFields(paragraph);
    const name = fields.get("package");
    if (name === undefined) continue;
    stanzas++;
    const status = fields.get("status");
    if (status === undefined ? requireStatus : !isInstalled(status)) continue;
    const version = fields.get("version");
    if (!name || !version) {
      notices.push({
        code: "parse_error",
        message: `dpkg entry "${name}" has no version; skipped`,
        path: `/${path}`,
        incomplete: true,
      });
      continue;
    }
    const pkg: CatalogedPackage = {
      name,
      version,
      type: "deb",
      path: `/${path}`,
      source: parseSource(fields.get("source"), name, version),
    };
    const arch = fields.get("architecture");
    if (arch) pkg.arch = arch;
    packages.push(pkg);
  }
  if (stanzas === 0 && text.trim() !== "") {
    notices.push({
      code: "parse_error",
      message: "no dpkg package entries found in a non-empty file",
      path: `/${path}`,
      incomplete: true,
    });
  }
  return { packages, notices };
}

/** `Status: install ok installed` (the want flag may be hold, the state must be installed). */
function isInstalled(status: string): boolean {
  const parts = status.split(/\s+/);
  return parts.length === 3 && parts[1] === "ok" && parts[2] === "installed";
}

/** `Source: name` or `Source: name (version)`; defaults to the binary package. */
function parseSource(field: string | undefined, name: string, version: string): { name: string; version: string } {
  const match = field === undefined ? null : /^(\S+)(?:\s*\(([^)]*)\))?/.exec(field.trim());
  if (!match?.[1]) return { name, version };
  return { name: match[1], version: match[2]?.trim() || version };
}

function catalogDpkg(view: FileView): CatalogOutput {
  const packages: CatalogedPackage[] = [];
  const notices: Notice[] = [];
  const ownedPaths = new Set<string>();
  const listFiles: string[] = [];
  const statusDFiles: string[] = [];
  for (const path of view.paths()) {
    if (isList(path)) listFiles.push(path);
    else if (isStatusD(path)) statusDFiles.push(path);
  }
  const sources: Array<[string, boolean]> = [
    [STATUS, true],
    ...statusDFiles.sort().map((p): [string, boolean] => [p, false]),
  ];
  for (const [path, requireStatus] of sources) {
    const data = view.get(path);
    if (data === undefined) continue;
    const out = parseDpkgStatus(decodeText(data), path, requireStatus);
    // A loop, not push(...): a status file may hold more entries than a call takes arguments.
    for (const pkg of out.packages) packages.push(pkg);
    for (const notice of out.notices ?? []) notices.push(notice);
  }
  for (const path of listFiles.sort()) {
    const data = view.get(path);
    if (data === undefined) continue;
    for (const owned of listedOwnedPaths(data)) ownedPaths.add(owned);
  }
  return { packages, notices, ownedPaths: [...ownedPaths] };
}

/**
 * The relevant owned paths of each `.list` file read, by its bytes: the cataloger runs after
 * every layer that changes the status file, over hundreds of unchanged lists.
 */
const listed = new WeakMap<Uint8Array, readonly string[]>();

function listedOwnedPaths(data: Uint8Array): readonly string[] {
  let owned = listed.get(data);
  if (owned === undefined) {
    const paths: string[] = [];
    for (const line of lines(decodeText(data))) {
      const path = relevantOwnedPath(line);
      if (path !== undefined) paths.push(path);
    }
    owned = paths;
    listed.set(data, owned);
  }
  return owned;
}

/** Keeps only the lines of a `.list` file that language catalogers could care about. */
function reduceDpkg(path: string, data: Uint8Array): Uint8Array {
  if (!isList(path)) return data;
  const kept: string[] = [];
  for (const line of lines(decodeText(data))) {
    if (relevantOwnedPath(line) !== undefined) kept.push(line);
  }
  return new TextEncoder().encode(kept.join("\n"));
}

/** The dpkg cataloger plug-in. */
export const dpkgCataloger: Cataloger = {
  id: "dpkg",
  // 2: .list files also keep Java archive paths (owned-paths.ts).
  version: "2",
  os: true,
  maxFileSize: 64 * 1024 * 1024,
  wants: (path) => path === STATUS || isStatusD(path) || isList(path),
  reduce: reduceDpkg,
  catalog: (view) => catalogDpkg(view),
};
