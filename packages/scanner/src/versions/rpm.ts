import {
  compareDigits,
  compareStrings,
  isDigitCode,
  isDigits,
  isLetterCode,
  type VersionComparator,
} from "./comparator.js";
import { cachedParser } from "./parse-cache.js";

/**
 * RPM version order: `rpmvercmp` (rpm's rpmio/rpmvercmp.c) over `[epoch:]version[-release]`,
 * with tilde (sorts before anything, even the end) and caret (sorts after the end, before
 * anything else).
 *
 * Parsing follows osv-scalibr: the epoch is the all-digit part before the first ":" (otherwise the
 * whole string is the version), the release is everything after the first "-", and a version
 * with a release sorts after the same version without one.
 */
interface RpmVersion {
  epoch: string;
  version: string;
  release: string | null;
}

const parse = cachedParser((input: string): RpmVersion => {
  let rest = input;
  let epoch = "0";
  const colon = rest.indexOf(":");
  if (colon >= 0 && (colon === 0 || isDigits(rest.slice(0, colon)))) {
    epoch = rest.slice(0, colon) || "0";
    rest = rest.slice(colon + 1);
  }
  const hyphen = rest.indexOf("-");
  if (hyphen < 0) return { epoch, version: rest, release: null };
  return { epoch, version: rest.slice(0, hyphen), release: rest.slice(hyphen + 1) };
});

function isAlnumCode(c: number): boolean {
  return isDigitCode(c) || isLetterCode(c);
}

/** A port of `rpmvercmp(a, b)`: -1, 0 or 1. */
export function rpmvercmp(a: string, b: string): number {
  if (a === b) return 0;
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    while (i < a.length && !isAlnumCode(a.charCodeAt(i)) && a[i] !== "~" && a[i] !== "^") i++;
    while (j < b.length && !isAlnumCode(b.charCodeAt(j)) && b[j] !== "~" && b[j] !== "^") j++;

    // Tilde: sorts before everything else, including the end of the string.
    if (a[i] === "~" || b[j] === "~") {
      if (a[i] !== "~") return 1;
      if (b[j] !== "~") return -1;
      i++;
      j++;
      continue;
    }
    // Caret: like tilde, except that the end of the other string sorts before it.
    if (a[i] === "^" || b[j] === "^") {
      if (i >= a.length) return -1;
      if (j >= b.length) return 1;
      if (a[i] !== "^") return 1;
      if (b[j] !== "^") return -1;
      i++;
      j++;
      continue;
    }
    if (i >= a.length || j >= b.length) break;

    const numeric = isDigitCode(a.charCodeAt(i));
    const inRun = numeric ? isDigitCode : isLetterCode;
    const si = i;
    const sj = j;
    while (i < a.length && inRun(a.charCodeAt(i))) i++;
    while (j < b.length && inRun(b.charCodeAt(j))) j++;
    // Segments of different kinds: a number is newer than letters.
    if (sj === j) return numeric ? 1 : -1;
    const segA = a.slice(si, i);
    const segB = b.slice(sj, j);
    const rc = numeric ? compareDigits(segA, segB) : compareStrings(segA, segB);
    if (rc !== 0) return rc;
  }
  if (i >= a.length && j >= b.length) return 0;
  return i < a.length ? 1 : -1;
}

function compareRpm(a: string, b: string): number {
  const va = parse(a);
  const vb = parse(b);
  const byEpoch = rpmvercmp(va.epoch, vb.epoch) || rpmvercmp(va.version, vb.version);
  if (byEpoch !== 0) return byEpoch;
  if (va.release === null || vb.release === null) {
    return va.release === vb.release ? 0 : va.release === null ? -1 : 1;
  }
  return rpmvercmp(va.release, vb.release);
}

/** rpm ordering for Red Hat and its rebuilds, and other rpm-based OSV ecosystems. */
export const rpmComparator: VersionComparator = {
  name: "rpm",
  ecosystems: ["Red Hat", "AlmaLinux", "Rocky Linux", "openSUSE", "SUSE", "Mageia", "openEuler"],
  compare: compareRpm,
};
