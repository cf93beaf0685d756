/**
 * apk cataloger (Alpine, Wolfi): `lib/apk/db/installed`. One stanza per package, single-letter
 * keys: P name, V version, A arch, o origin (source package), F directory, R file in the last F.
 */

import type { CatalogedPackage, Cataloger, CatalogOutput, FileView, Notice } from "../model.js";
import { relevantOwnedPath } from "./owned-paths.js";
import { decodeText, paragraphs } from "./text.js";

const INSTALLED = "lib/apk/db/installed";

/** Parses an apk installed database. Never throws; problems become notices. */
export function parseApkInstalled(text: string, path = INSTALLED): CatalogOutput {
  const packages: CatalogedPackage[] = [];
  const notices: Notice[] = [];
  const ownedPaths = new Set<string>();
  let stanzas = 0;
  for (const stanza of paragraphs(text)) {
    let name = "";
    let version = "";
    let arch = "";
    let origin = "";
    let dir = "";
    for (const line of stanza) {
      if (line.length < 2 || line[1] !== ":") continue;
      const value = line.slice(2);
      switch (line[0]) {
        case "P":
          name = value.trim();
          break;
        case "V":
          version = value.trim();
          break;
        case "A":
          arch = value.trim();
          break;
        case "o":
          origin = value.trim();
          break;
        case "F":
          dir = value;
          addOwned(ownedPaths, value);
          break;
        case "R":
          addOwned(ownedPaths, dir === "" ? value : `${dir}/${value}`);
          break;
      }
    }
    if (name === "") continue;
    stanzas++;
    if (version === "") {
      notices.push({
        code: "parse_error",
        message: `apk entry "${name}" has no version; skipped`,
        path: `/${path}`,
        incomplete: true,
      });
      continue;
    }
    const pkg: CatalogedPackage = {
      name,
      version,
      type: "apk",
      path: `/${path}`,
      source: { name: origin || name, version },
    };
    if (arch) pkg.arch = arch;
    packages.push(pkg);
  }
  if (stanzas === 0 && text.trim() !== "") {
    notices.push({
      code: "parse_error",
      message: "no apk package entries found in a non-empty file",
      path: `/${path}`,
      incomplete: true,
    });
  }
  return { packages, notices, ownedPaths: [...ownedPaths] };
}

function addOwned(set: Set<string>, path: string): void {
  const owned = relevantOwnedPath(path);
  if (owned !== undefined) set.add(owned);
}

/** The apk cataloger plug-in. */
export const apkCataloger: Cataloger = {
  id: "apk",
  version: "1",
  os: true,
  maxFileSize: 64 * 1024 * 1024,
  wants: (path) => path === INSTALLED,
  catalog(view: FileView): CatalogOutput {
    const data = view.get(INSTALLED);
    return data === undefined ? { packages: [] } : parseApkInstalled(decodeText(data));
  },
};
