import { compareDigits, compareStrings, isDigits, sign, type VersionComparator } from "./comparator.js";
import { cachedParser } from "./parse-cache.js";

/**
 * Maven order: the algorithm of Maven's `ComparableVersion` as the Maven version-order
 * specification describes it (and osv-scalibr implements it):
 * - split on "." and "-" and at every digit/non-digit transition (a transition acts as "-");
 *   the separator before a token is kept as its prefix;
 * - qualifiers are case-insensitive; "cr" = "rc"; "ga", "final", "release" = ""; "a1"/"b1"/"m1"
 *   mean alpha/beta/milestone 1;
 * - trailing null values ("0", "") are trimmed, again before each remaining hyphen;
 * - the shorter version is padded with nulls ("0" after ".", "" after "-");
 * - known qualifiers: alpha < beta < milestone < rc < snapshot < "" < sp < other (alphabetical);
 * - prefixes: ".qualifier" < "-qualifier" < "-number" < ".number".
 */
type Prefix = "" | "." | "-";

interface Token {
  prefix: Prefix;
  value: string;
  numeric: boolean;
  isNull: boolean;
}

const KEYWORDS = ["alpha", "beta", "milestone", "rc", "snapshot", "", "sp"];
const SHORT: Record<string, string> = { a: "alpha", b: "beta", m: "milestone" };

function makeToken(prefix: Prefix, value: string, isNull = false): Token {
  return { prefix, value, numeric: isDigits(value), isNull };
}

function normalise(piece: string, followedByPiece: boolean): string {
  let value = piece.toLowerCase();
  if (value === "") value = "0";
  if (value === "cr") value = "rc";
  if (value === "ga" || value === "final" || value === "release") value = "";
  if (followedByPiece) value = SHORT[value] ?? value;
  if (isDigits(value)) value = value.replace(/^0+(?=\d)/, "");
  return value;
}

const parse = cachedParser((input: string): Token[] => {
  const tokens: Token[] = [];
  const raw = input.split(/([-.])/);
  for (let i = 0; i < raw.length; i += 2) {
    const text = raw[i] ?? "";
    let prefix = (i === 0 ? "" : raw[i - 1]) as Prefix;
    // Pieces at digit/non-digit transitions; "" stays one (empty) piece.
    const pieces = text.match(/\d+|\D+/g) ?? [""];
    pieces.forEach((piece, j) => {
      tokens.push(makeToken(prefix, normalise(piece, j < pieces.length - 1)));
      prefix = "-";
    });
  }
  // Trim trailing nulls, then again before each remaining hyphen, from the end to the start.
  let i = tokens.length - 1;
  while (i > 0) {
    const t = tokens[i];
    if (t && (t.value === "0" || t.value === "")) {
      tokens.splice(i, 1);
      i--;
      continue;
    }
    while (i >= 0 && tokens[i]?.prefix !== "-") i--;
    i--;
  }
  return tokens;
});

function keywordIndex(value: string): number {
  const i = KEYWORDS.indexOf(value);
  return i < 0 ? KEYWORDS.length : i;
}

function prefixOrder(t: Token): number {
  if (t.numeric) return t.prefix === "-" ? 2 : 3;
  return t.prefix === "-" ? 1 : 0;
}

/** The null token padding the shorter version, shaped after the other version's token. */
function nullFor(other: Token): Token {
  if (other.prefix === "-") return makeToken("-", "", true);
  return makeToken(other.prefix, other.value === "sp" ? "" : "0", true);
}

function compareTokens(v: Token, w: Token): number {
  if (v.prefix !== w.prefix) return sign(prefixOrder(v) - prefixOrder(w));
  if (v.numeric && w.numeric) return compareDigits(v.value, w.value);
  if (v.numeric && !v.isNull) return 1;
  if (w.numeric && !w.isNull) return -1;
  const vi = keywordIndex(v.value);
  const wi = keywordIndex(w.value);
  if (vi === KEYWORDS.length && wi === KEYWORDS.length) return compareStrings(v.value, w.value);
  return sign(vi - wi);
}

function compareMaven(a: string, b: string): number {
  const ta = parse(a);
  const tb = parse(b);
  const n = Math.max(ta.length, tb.length);
  for (let i = 0; i < n; i++) {
    const x = ta[i];
    const y = tb[i];
    const left = x ?? nullFor(y as Token);
    const right = y ?? nullFor(x as Token);
    if (left.prefix === right.prefix && left.value === right.value) continue;
    return compareTokens(left, right);
  }
  return 0;
}

/** Maven ComparableVersion ordering. */
export const mavenComparator: VersionComparator = {
  name: "maven",
  ecosystems: ["Maven"],
  compare: compareMaven,
};
