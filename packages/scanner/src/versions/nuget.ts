import type { VersionComparator } from "./comparator.js";
import { cachedParser } from "./parse-cache.js";
import { compareTolerant, parseTolerant } from "./semver.js";

/**
 * NuGet order: NuGet's SemVer 2.0 rules with up to four numeric components (missing ones are 0,
 * so 1.0 = 1.0.0.0), case-insensitive prerelease labels and build metadata ignored. Other strings
 * are parsed tolerantly as for SemVer (see semver.ts).
 */
const parse = cachedParser((input: string) => parseTolerant(input.toLowerCase(), 4));

function compareNuGet(a: string, b: string): number {
  return compareTolerant(parse(a), parse(b));
}

/** NuGet ordering. */
export const nugetComparator: VersionComparator = {
  name: "nuget",
  ecosystems: ["NuGet"],
  compare: compareNuGet,
};
