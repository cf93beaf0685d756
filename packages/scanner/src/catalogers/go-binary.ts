/**
 * Go binary cataloger: every executable regular file (any `x` bit in its tar mode) is streamed
 * through the build-info scanner while the layer walks; only the Go version and module info are
 * kept (a few KiB), never the binary. Reports `stdlib` at the toolchain version, the main module
 * (unless `(devel)`) and every dependency, replacements honoured; `path` is the binary.
 */

import type { CatalogedPackage, Cataloger, CatalogOutput, ExtractSink, FileView, Notice } from "../model.js";
import { decodeExtract, encodeExtract } from "./extract-marker.js";
import { goPackages, parseModinfo } from "./go-build-info.js";
import { GoBuildInfoScanner } from "./go-build-info-scanner.js";

const FORMAT = "go-binary/1";
/** Smaller files cannot hold an executable header plus build info. */
const MIN_SIZE = 64;

type GoExtract = { goVersion: string; modinfo: string; problems: string[] } | { unreadable: string };

function openSink(): ExtractSink {
  const scanner = new GoBuildInfoScanner();
  return {
    write: (chunk) => scanner.write(chunk),
    end() {
      const result = scanner.end();
      if (result.kind === "none") return undefined;
      const value: GoExtract =
        result.kind === "found"
          ? { goVersion: result.goVersion, modinfo: result.modinfo, problems: result.problems }
          : { unreadable: result.reason };
      return encodeExtract(FORMAT, value);
    },
  };
}

function isGoExtract(value: unknown): value is GoExtract {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  if (typeof v.unreadable === "string") return true;
  return typeof v.goVersion === "string" && typeof v.modinfo === "string" && Array.isArray(v.problems);
}

function catalogGoBinaries(view: FileView): CatalogOutput {
  const packages: CatalogedPackage[] = [];
  const notices: Notice[] = [];
  for (const path of Array.from(view.paths()).sort()) {
    const data = view.get(path);
    const value = data === undefined ? undefined : decodeExtract(FORMAT, data);
    if (!isGoExtract(value)) continue;
    const file = `/${path}`;
    const problem = (message: string) =>
      notices.push({
        code: "go_buildinfo_unreadable",
        message: `${file}: ${message}; packages of this Go binary may be missing.`,
        path: file,
        incomplete: true,
      });
    if ("unreadable" in value) {
      problem(`its Go build info could not be read (${value.unreadable})`);
      continue;
    }
    const modinfo = parseModinfo(value.modinfo);
    for (const p of value.problems) problem(String(p));
    for (const p of modinfo.problems) problem(p);
    for (const pkg of goPackages(value.goVersion, modinfo, file)) packages.push(pkg);
  }
  return { packages, notices };
}

/** The Go binary cataloger plug-in. */
export const goBinaryCataloger: Cataloger = {
  id: "go-binary",
  version: "1",
  // Nothing is kept by path; the extractor keeps a small result per Go binary.
  maxFileSize: 0,
  wants: () => false,
  extract: {
    accepts: (entry) => (entry.mode & 0o111) !== 0 && entry.size >= MIN_SIZE,
    open: openSink,
  },
  catalog: (view) => catalogGoBinaries(view),
};
