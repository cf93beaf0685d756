/**
 * Go module info as `cmd/go` embeds it (runtime/debug's `BuildInfo.String()` without the `go`
 * line): tab-separated `path`, `mod`, `dep`, `=>` (replaces the module on the line before) and
 * `build` lines. Parsed like runtime/debug.ParseBuildInfo, but leniently: a malformed line is
 * skipped with a problem instead of failing the whole binary.
 */

import type { CatalogedPackage } from "../model.js";

export interface GoModule {
  path: string;
  version: string;
  sum: string;
  replace?: GoModule;
}

export interface GoModinfo {
  path: string;
  main?: GoModule;
  deps: GoModule[];
  problems: string[];
}

/** More `dep` lines than this are not read (a problem says so); real binaries have hundreds. */
export const MAX_GO_DEPS = 10_000;

export function parseModinfo(text: string): GoModinfo {
  const out: GoModinfo = { path: "", deps: [], problems: [] };
  let last: GoModule | undefined;
  let skipped = 0;
  for (const [index, line] of text.split("\n").entries()) {
    const tab = line.indexOf("\t");
    if (line === "" || tab < 0) continue;
    const word = line.slice(0, tab);
    const rest = line.slice(tab + 1);
    const columns = rest.split("\t");
    if (word === "path") out.path = rest;
    else if (word === "mod" || word === "dep") {
      last = moduleOf(columns);
      if (last === undefined) out.problems.push(`line ${index + 1}: malformed ${word} line`);
      else if (word === "mod") out.main = last;
      else if (out.deps.length < MAX_GO_DEPS) out.deps.push(last);
      else skipped++;
    } else if (word === "=>") {
      const replacement = columns.length === 3 || columns.length === 2 ? moduleOf(columns) : undefined;
      if (last === undefined || replacement === undefined)
        out.problems.push(`line ${index + 1}: replacement without a module before it`);
      else last.replace = replacement;
      last = undefined;
    }
  }
  if (skipped > 0) out.problems.push(`${skipped} dependencies past the first ${MAX_GO_DEPS} were not read`);
  return out;
}

function moduleOf(columns: string[]): GoModule | undefined {
  if ((columns.length !== 2 && columns.length !== 3) || columns[0] === "") return undefined;
  return { path: columns[0]!, version: columns[1] ?? "", sum: columns[2] ?? "" };
}

/** A replacement by a directory (`=> ../fork`), not by a module version: its code has no version. */
function isLocalPath(path: string): boolean {
  return /^(?:\.{1,2}[/\\]|\.{1,2}$|\/|[A-Za-z]:[/\\])/.test(path);
}

/** What the binary was built from, as Syft and Trivy report it: the replacement when there is one. */
function effective(module: GoModule): { name: string; version: string } {
  const replace = module.replace;
  if (replace === undefined) return { name: module.path, version: module.version };
  // Code from a local directory: the module keeps its name, and has no version to match.
  if (isLocalPath(replace.path) || replace.version === "") return { name: module.path, version: "(devel)" };
  return { name: replace.path, version: replace.version };
}

/**
 * The packages of one Go binary at `path` (with a leading "/"): `stdlib` at the toolchain version,
 * the main module unless it is `(devel)`, and every dependency (replacements honoured).
 */
export function goPackages(goVersion: string, modinfo: GoModinfo, path: string): CatalogedPackage[] {
  const packages: CatalogedPackage[] = [];
  const seen = new Set<string>();
  const add = (name: string, version: string) => {
    const key = `${name}@${version}`;
    if (name === "" || version === "" || seen.has(key)) return;
    seen.add(key);
    packages.push({ name, version, type: "golang", path });
  };
  if (goVersion !== "") add("stdlib", goVersion);
  if (modinfo.main) {
    const main = effective(modinfo.main);
    if (main.version !== "(devel)") add(main.name, main.version);
  }
  for (const dep of modinfo.deps) {
    const { name, version } = effective(dep);
    add(name, version);
  }
  return packages;
}
