/**
 * Python cataloger: installed distributions from `*.dist-info/METADATA`, `*.egg-info/PKG-INFO`
 * and single-file `*.egg-info`. Names are normalised per PEP 503. Distributions owned by an OS
 * package (context.ownedPaths) are left to the OS cataloger.
 */

import type { CatalogContext, CatalogedPackage, Cataloger, CatalogOutput, FileView, Notice } from "../model.js";
import { isOwned } from "./owned-paths.js";
import { decodeText, headerFields, lines } from "./text.js";

/** PEP 503 normalised project name: lowercase, runs of "-", "_", "." become one "-". */
export function normalizePythonName(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[-_.]+/g, "-");
}

function isMetadataFile(path: string): boolean {
  return /\.dist-info\/METADATA$/.test(path) || /\.egg-info\/PKG-INFO$/.test(path) || /\.egg-info$/.test(path);
}

/** Parses core-metadata headers (RFC 822 style, up to the first blank line). */
export function parsePythonMetadata(text: string): { name: string; version: string } | undefined {
  const header: string[] = [];
  for (const line of lines(text)) {
    if (line.trim() === "") break;
    header.push(line);
  }
  const fields = headerFields(header);
  const name = fields.get("name")?.trim();
  const version = fields.get("version")?.trim();
  if (!name || !version || /\s/.test(name) || /\s/.test(version)) return undefined;
  return { name, version };
}

function catalogPython(view: FileView, context: CatalogContext): CatalogOutput {
  const packages: CatalogedPackage[] = [];
  const notices: Notice[] = [];
  const paths = [...view.paths()].filter(isMetadataFile).sort();
  for (const path of paths) {
    if (isOwned(context.ownedPaths, path)) continue;
    const data = view.get(path);
    if (data === undefined) continue;
    const meta = parsePythonMetadata(decodeText(data));
    if (meta === undefined) {
      notices.push({
        code: "parse_error",
        message: "Python metadata without a Name and Version",
        path: `/${path}`,
        incomplete: true,
      });
      continue;
    }
    packages.push({ name: normalizePythonName(meta.name), version: meta.version, type: "pypi", path: `/${path}` });
  }
  return { packages, notices };
}

/** The Python cataloger plug-in. */
export const pythonCataloger: Cataloger = {
  id: "python",
  version: "1",
  maxFileSize: 4 * 1024 * 1024,
  wants: isMetadataFile,
  catalog: catalogPython,
};
