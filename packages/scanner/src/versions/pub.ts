import { compareDigits, compareStrings, isDigits, type VersionComparator } from "./comparator.js";
import { cachedParser } from "./parse-cache.js";
import { compareTolerant, parseTolerant } from "./semver.js";

/**
 * Pub (Dart) order: `pub_semver`'s Version.compareTo. SemVer precedence, except that build
 * metadata counts: a version with a build sorts after the same version without one, and builds
 * compare identifier by identifier (numbers numerically and before text). Parsed tolerantly like
 * SemVer (see semver.ts).
 */
const parse = cachedParser((input: string) => parseTolerant(input, 3));

function compareBuildIds(a: readonly string[], b: readonly string[]): number {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    if (x === undefined || y === undefined) return x === undefined ? -1 : 1;
    const xn = isDigits(x);
    const yn = isDigits(y);
    const d = xn && yn ? compareDigits(x, y) : xn !== yn ? (xn ? -1 : 1) : compareStrings(x, y);
    if (d !== 0) return d;
  }
  return 0;
}

function comparePub(a: string, b: string): number {
  const va = parse(a);
  const vb = parse(b);
  const d = compareTolerant(va, vb);
  if (d !== 0) return d;
  if (va.build === "" || vb.build === "") return va.build === vb.build ? 0 : va.build === "" ? -1 : 1;
  return compareBuildIds(va.build.split("."), vb.build.split("."));
}

/** pub_semver ordering for Pub. */
export const pubComparator: VersionComparator = {
  name: "pub",
  ecosystems: ["Pub"],
  compare: comparePub,
};
