import semver from "semver";
import { compareDigits, compareStrings, isDigitCode, isDigits, type VersionComparator } from "./comparator.js";
import { cachedParser } from "./parse-cache.js";

/**
 * SemVer 2.0 order for npm, Go, crates.io and Hex.
 *
 * Strictly valid versions (optionally with Go's "v") are compared by the `semver` package. Anything
 * else is parsed tolerantly, as osv-scalibr does: a leading "v" is dropped, any number of numeric
 * components (missing ones count as 0), the first other character starts the prerelease/build
 * string, components past the third join the prerelease, and build metadata ("+...") is ignored.
 */
const NUM = "(?:0|[1-9]\\d{0,14})";
const PRE_ID = "(?:0|[1-9]\\d{0,14}|\\d*[a-zA-Z-][0-9a-zA-Z-]*)";
const STRICT = new RegExp(
  `^v?${NUM}\\.${NUM}\\.${NUM}(?:-${PRE_ID}(?:\\.${PRE_ID})*)?(?:\\+[0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*)?$`,
);

export interface TolerantSemver {
  components: string[];
  /** Prerelease identifiers; empty for a release. */
  prerelease: string[];
  /** Build metadata after the first "+" ("" when none); SemVer ignores it, Pub orders by it. */
  build: string;
}

type Parsed = { strict: semver.SemVer } | { tolerant: TolerantSemver };

/** Tolerant parse (see above); components past `maxComponents` join the prerelease. */
export function parseTolerant(input: string, maxComponents = 3): TolerantSemver {
  const text = input.startsWith("v") ? input.slice(1) : input;
  const components: string[] = [];
  let current = "";
  let build = "";
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isDigitCode(c)) {
      current += text[i];
      continue;
    }
    if (current !== "") components.push(current);
    current = "";
    if (text[i] === ".") continue;
    build = text.slice(i);
    break;
  }
  if (build === "" && current !== "") components.push(current);
  // Components past the last allowed one belong to the prerelease string (normalised numbers).
  for (const extra of components.splice(maxComponents)) build += `.${extra.replace(/^0+(?=\d)/, "")}`;
  const plus = build.indexOf("+");
  let pre = plus < 0 ? build : build.slice(0, plus);
  if (pre.startsWith("-")) pre = pre.slice(1);
  return { components, prerelease: pre === "" ? [] : pre.split("."), build: plus < 0 ? "" : build.slice(plus + 1) };
}

const parse = cachedParser((input: string): Parsed => {
  if (input.length <= 256 && STRICT.test(input)) {
    const strict = semver.parse(input);
    if (strict) return { strict };
  }
  return { tolerant: parseTolerant(input) };
});

function compareIdentifiers(a: string, b: string): number {
  const an = isDigits(a);
  const bn = isDigits(b);
  if (an && bn) return compareDigits(a, b);
  if (an !== bn) return an ? -1 : 1;
  return compareStrings(a, b);
}

/** Compares two tolerant parses: components (zero-padded), then prerelease per SemVer §11. */
export function compareTolerant(a: TolerantSemver, b: TolerantSemver): number {
  const n = Math.max(a.components.length, b.components.length);
  for (let i = 0; i < n; i++) {
    const d = compareDigits(a.components[i] ?? "0", b.components[i] ?? "0");
    if (d !== 0) return d;
  }
  return comparePrerelease(a.prerelease, b.prerelease);
}

/** SemVer prerelease precedence; an empty list (a release) sorts after any prerelease. */
export function comparePrerelease(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return a.length === b.length ? 0 : a.length === 0 ? 1 : -1;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = compareIdentifiers(a[i] ?? "", b[i] ?? "");
    if (d !== 0) return d;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

function toTolerant(p: Parsed): TolerantSemver {
  if ("tolerant" in p) return p.tolerant;
  const { major, minor, patch, prerelease, build } = p.strict;
  return {
    components: [String(major), String(minor), String(patch)],
    prerelease: prerelease.map(String),
    build: build.join("."),
  };
}

function compareSemver(a: string, b: string): number {
  const pa = parse(a);
  const pb = parse(b);
  if ("strict" in pa && "strict" in pb) return pa.strict.compare(pb.strict);
  return compareTolerant(toTolerant(pa), toTolerant(pb));
}

/** SemVer ordering (npm, Go, crates.io, Hex). */
export const semverComparator: VersionComparator = {
  name: "semver",
  ecosystems: ["npm", "Go", "crates.io", "Hex"],
  compare: compareSemver,
};
