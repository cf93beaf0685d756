import { compareDigits, compareStrings, type VersionComparator } from "./comparator.js";
import { cachedParser } from "./parse-cache.js";

/**
 * Alpine (apk) version order, after apk-tools' `apk_version_compare` (src/version.c):
 * `number{.number}...{letter}{_suffix{number}}...{~hash}{-r#}`.
 *
 * - Numbers compare numerically, except that after the first one a number with a leading zero
 *   compares as a string (so 1.01 < 1.1, as apk and Gentoo do); a missing number counts as "0".
 * - Then the letter (none < a < ... < z), then the suffixes in the order
 *   _alpha < _beta < _pre < _rc < (none) < _cvs < _svn < _git < _hg < _p, each with its number.
 * - Then the -r revision. Commit hashes (~abc) are not compared.
 *
 * Text apk cannot parse follows osv-scalibr: a version with leftover text after a valid prefix sorts
 * just below the same version without it, and text that cannot be parsed at all ("invalid")
 * compares by its parsed prefix, then by plain string order against other invalid ones.
 */
const SUFFIX_WEIGHT: Record<string, number> = {
  alpha: 0,
  beta: 1,
  pre: 2,
  rc: 3,
  cvs: 5,
  svn: 6,
  git: 7,
  hg: 8,
  p: 9,
};
/** The weight of "no suffix": between _rc and _cvs. */
const NO_SUFFIX = 4;

interface ApkVersion {
  original: string;
  numbers: string[];
  letter: string;
  suffixes: Array<{ weight: number; number: string }>;
  revision: string;
  /** Text left after the revision (e.g. "uff" in "1-ruff"). */
  remainder: string;
  /** Something other than "-r" follows the hash/suffixes. */
  invalid: boolean;
}

const NUMBERS = /^(?:\d+\.?)*/;
const SUFFIX = /_(alpha|beta|pre|rc|cvs|svn|git|hg|p)(\d*)/g;

const parse = cachedParser((original: string): ApkVersion => {
  let rest = original;
  const numbersText = NUMBERS.exec(rest)?.[0] ?? "";
  const numbers = numbersText.split(".").filter((n) => n !== "");
  rest = rest.slice(numbersText.length);

  const letter = /^[a-z]/.test(rest) ? rest.slice(0, 1) : "";
  rest = rest.slice(letter.length);

  // Like osv-scalibr: every well-formed suffix counts, only leading ones are consumed.
  const suffixes: ApkVersion["suffixes"] = [];
  for (const m of rest.matchAll(SUFFIX)) {
    suffixes.push({ weight: SUFFIX_WEIGHT[m[1] ?? ""] ?? NO_SUFFIX, number: m[2] || "0" });
    if (rest.startsWith(m[0])) rest = rest.slice(m[0].length);
  }

  const hash = /^~[0-9a-f]+/.exec(rest)?.[0] ?? "";
  rest = rest.slice(hash.length);

  let revision = "0";
  let invalid = false;
  const rev = /^-r(\d*)/.exec(rest);
  if (rev) {
    revision = rev[1] || "0";
    rest = rest.slice(rev[0].length);
  } else if (rest !== "") {
    invalid = true;
  }
  return { original, numbers, letter, suffixes, revision, remainder: rest, invalid };
});

/** One number component: numeric, but string order when either (not first) has a leading zero. */
function compareNumber(a: string, b: string, index: number): number {
  if (index > 0 && (a.startsWith("0") || b.startsWith("0"))) return compareStrings(a, b);
  return compareDigits(a, b);
}

function compareParsed(a: ApkVersion, b: ApkVersion): number {
  const n = Math.max(a.numbers.length, b.numbers.length);
  for (let i = 0; i < n; i++) {
    const d = compareNumber(a.numbers[i] ?? "0", b.numbers[i] ?? "0", i);
    if (d !== 0) return d;
  }
  if (a.letter !== b.letter) return a.letter === "" ? -1 : b.letter === "" ? 1 : compareStrings(a.letter, b.letter);
  const s = Math.max(a.suffixes.length, b.suffixes.length);
  for (let i = 0; i < s; i++) {
    const sa = a.suffixes[i] ?? { weight: NO_SUFFIX, number: "0" };
    const sb = b.suffixes[i] ?? { weight: NO_SUFFIX, number: "0" };
    if (sa.weight !== sb.weight) return sa.weight < sb.weight ? -1 : 1;
    const d = compareDigits(sa.number, sb.number);
    if (d !== 0) return d;
  }
  const r = compareDigits(a.revision, b.revision);
  if (r !== 0) return r;
  if ((a.remainder === "") !== (b.remainder === "")) return a.remainder === "" ? 1 : -1;
  return 0;
}

function compareApk(a: string, b: string): number {
  const va = parse(a);
  const vb = parse(b);
  const d = compareParsed(va, vb);
  // Two unparseable versions with the same parseable prefix: plain string order. (An unparseable
  // version still equals a parseable one with the same prefix, as in osv-scalibr and the vectors:
  // "1-ruff2 = 1--ruff1". That tie is the one place where equality is not transitive.)
  if (d !== 0 || !va.invalid || !vb.invalid) return d;
  return compareStrings(va.original, vb.original);
}

/** apk ordering for Alpine, Wolfi, Chainguard and MinimOS. */
export const apkComparator: VersionComparator = {
  name: "apk",
  ecosystems: ["Alpine", "Wolfi", "Chainguard", "MinimOS"],
  compare: compareApk,
};
