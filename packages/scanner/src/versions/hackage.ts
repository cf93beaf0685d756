import type { VersionComparator } from "./comparator.js";
import { cachedParser } from "./parse-cache.js";
import { compareTolerant, parseTolerant } from "./semver.js";

/**
 * Hackage order: Haskell's `Data.Version` / Cabal versions, any number of numeric components
 * compared in order; when one is the other plus trailing zeros the longer one is greater
 * (0.1.0 < 0.1.0.0). Other text (invalid on Hackage) is parsed tolerantly as for SemVer and
 * ordered as a prerelease, case-insensitively, as in osv-scalibr.
 */
const parse = cachedParser((input: string) => parseTolerant(input.toLowerCase(), Infinity));

function compareHackage(a: string, b: string): number {
  const va = parse(a);
  const vb = parse(b);
  const d = compareTolerant(va, vb);
  if (d !== 0) return d;
  const la = va.components.length;
  const lb = vb.components.length;
  return la === lb ? 0 : la > lb ? 1 : -1;
}

/** Cabal version ordering for Hackage. */
export const hackageComparator: VersionComparator = {
  name: "hackage",
  ecosystems: ["Hackage"],
  compare: compareHackage,
};
