/**
 * The version-comparator plug-in contract and the small helpers every comparator shares.
 */

/**
 * Orders the version strings of one family of OSV ecosystems (dpkg for Debian and Ubuntu, ...).
 * Plug-ins are registered explicitly in `compare-versions.ts`.
 */
export interface VersionComparator {
  /** Short name of the ordering: "dpkg", "apk", "rpm", "semver", "pep440", ... */
  readonly name: string;
  /** OSV ecosystem names served, i.e. the part of an ecosystem string before the first ":". */
  readonly ecosystems: readonly string[];
  /**
   * -1 when `a` sorts before `b`, 0 when they are equal, 1 when `a` sorts after `b`.
   * Never throws: versions the ecosystem considers invalid still get a defined, consistent place.
   */
  compare(a: string, b: string): number;
}

/** Sign of a number as -1, 0 or 1. */
export function sign(n: number): number {
  return n < 0 ? -1 : n > 0 ? 1 : 0;
}

/** Plain code-unit string order as -1, 0 or 1 (Go's strings.Compare / C strcmp on ASCII). */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Compares two strings of ASCII digits by numeric value, at any length (no BigInt needed). */
export function compareDigits(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length - 1 && a.charCodeAt(i) === 48) i++;
  while (j < b.length - 1 && b.charCodeAt(j) === 48) j++;
  const la = a.length - i;
  const lb = b.length - j;
  if (la !== lb) return la < lb ? -1 : 1;
  return compareStrings(a.slice(i), b.slice(j));
}

/** True for a non-empty string of ASCII digits. */
export function isDigits(s: string): boolean {
  return /^[0-9]+$/.test(s);
}

/** ASCII digit test on one UTF-16 code unit (NaN-safe). */
export function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** ASCII letter test on one UTF-16 code unit (NaN-safe). */
export function isLetterCode(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}
