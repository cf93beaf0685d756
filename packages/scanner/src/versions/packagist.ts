import { compareDigits, isDigits, sign, type VersionComparator } from "./comparator.js";
import { cachedParser } from "./parse-cache.js";

/**
 * Packagist order: PHP's `version_compare` over Composer-style input, as osv-scalibr implements it.
 * - a leading "v"/"V" is dropped (Composer does);
 * - "-", "_" and "+" become "."; a "." is inserted at every digit/non-digit boundary;
 * - parts compare numerically when both are numbers, otherwise by special form, matched by
 *   prefix: dev < alpha = a < beta = b < RC = rc < "#" (a number) < pl = p; any other text
 *   ranks with "dev";
 * - when one version has more parts, a further number makes it greater; further text is compared
 *   against "#" (so 1.0 > 1.0-beta but 1.0 < 1.0-patch).
 */
const SPECIALS = ["dev", "a", "b", "rc", "#", "p"];

const parse = cachedParser((input: string): string[] => {
  let v = input;
  if (v.startsWith("v")) v = v.slice(1);
  if (v.startsWith("V")) v = v.slice(1);
  v = v
    .replace(/[-_+]/g, ".")
    .replace(/([^\d.])(\d)/g, "$1.$2")
    .replace(/(\d)([^\d.])/g, "$1.$2");
  return v.split(".");
});

function specialWeight(part: string): number {
  if (part.startsWith("RC")) return 3;
  const i = SPECIALS.findIndex((s) => part.startsWith(s));
  return Math.max(i, 0);
}

function compareParts(a: readonly string[], b: readonly string[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i] ?? "";
    const y = b[i] ?? "";
    const xn = isDigits(x);
    const yn = isDigits(y);
    const d = xn && yn ? compareDigits(x, y) : sign(specialWeight(xn ? "#" : x) - specialWeight(yn ? "#" : y));
    if (d !== 0) return d;
  }
  if (a.length > b.length) return isDigits(a[n] ?? "") ? 1 : compareParts(a.slice(n), ["#"]);
  if (a.length < b.length) return isDigits(b[n] ?? "") ? -1 : compareParts(["#"], b.slice(n));
  return 0;
}

function comparePackagist(a: string, b: string): number {
  return compareParts(parse(a), parse(b));
}

/** PHP version_compare ordering for Packagist. */
export const packagistComparator: VersionComparator = {
  name: "packagist",
  ecosystems: ["Packagist"],
  compare: comparePackagist,
};
