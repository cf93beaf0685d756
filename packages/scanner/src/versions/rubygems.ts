import { compareDigits, compareStrings, isDigits, type VersionComparator } from "./comparator.js";
import { cachedParser } from "./parse-cache.js";

/**
 * RubyGems order: `Gem::Version#<=>`.
 * - "-" means ".pre." (Gem::Version rewrites "1.0-1" to "1.0.pre.1");
 * - segments are the runs of digits or ASCII letters (other characters only separate);
 * - canonical segments: the numeric part before the first letter segment and the rest, each
 *   without trailing zeros;
 * - segments compare pairwise (missing = 0): numbers numerically, strings bytewise, and a string
 *   (prerelease) sorts before a number.
 * Strings Gem::Version would reject are ordered by the same rules instead of failing.
 */
type Segment = string;

const parse = cachedParser((input: string): Segment[] => {
  const segments =
    input
      .trim()
      .replaceAll("-", ".pre.")
      .match(/[0-9]+|[a-z]+/gi) ?? [];
  const firstString = segments.findIndex((s) => !isDigits(s));
  const numbers = firstString < 0 ? segments : segments.slice(0, firstString);
  const rest = firstString < 0 ? [] : segments.slice(firstString);
  return [...dropTrailingZeros(numbers), ...dropTrailingZeros(rest)];
});

function isZero(s: string): boolean {
  return /^0+$/.test(s);
}

function dropTrailingZeros(segments: Segment[]): Segment[] {
  let end = segments.length;
  while (end > 0 && isZero(segments[end - 1] ?? "")) end--;
  return segments.slice(0, end);
}

function compareRubyGems(a: string, b: string): number {
  const sa = parse(a);
  const sb = parse(b);
  const n = Math.max(sa.length, sb.length);
  for (let i = 0; i < n; i++) {
    const x = sa[i] ?? "0";
    const y = sb[i] ?? "0";
    const xn = isDigits(x);
    const yn = isDigits(y);
    if (xn && yn) {
      const d = compareDigits(x, y);
      if (d !== 0) return d;
    } else if (!xn && !yn) {
      const d = compareStrings(x, y);
      if (d !== 0) return d;
    } else {
      return xn ? 1 : -1;
    }
  }
  return 0;
}

/** Gem::Version ordering for RubyGems. */
export const rubygemsComparator: VersionComparator = {
  name: "rubygems",
  ecosystems: ["RubyGems"],
  compare: compareRubyGems,
};
