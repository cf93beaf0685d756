import { compareDigits, isDigits, type VersionComparator } from "./comparator.js";
import { cachedParser } from "./parse-cache.js";

/**
 * CRAN order: R's `package_version`. A version is non-negative integers separated by "." or "-"
 * (which weigh the same); they compare numerically, and when one version is the other plus
 * trailing zeros the longer one is greater (1.0 > 1). Non-numeric parts are ignored, as in
 * osv-scalibr.
 */
const parse = cachedParser((input: string): string[] => input.split(/[.-]/).filter(isDigits));

function compareCran(a: string, b: string): number {
  const va = parse(a);
  const vb = parse(b);
  const n = Math.max(va.length, vb.length);
  for (let i = 0; i < n; i++) {
    const d = compareDigits(va[i] ?? "0", vb[i] ?? "0");
    if (d !== 0) return d;
  }
  return va.length === vb.length ? 0 : va.length > vb.length ? 1 : -1;
}

/** R package_version ordering for CRAN. */
export const cranComparator: VersionComparator = {
  name: "cran",
  ecosystems: ["CRAN"],
  compare: compareCran,
};
