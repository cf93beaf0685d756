import { parse as parsePep440 } from "@renovatebot/pep440";
import { compareStrings, sign, type VersionComparator } from "./comparator.js";
import { cachedParser } from "./parse-cache.js";

/**
 * PyPI order: PEP 440. `@renovatebot/pep440` (a port of Python's `packaging.version`) parses;
 * the parsed versions are cached and compared here with `packaging`'s sort key (epoch, release
 * without trailing zeros, pre with the dev-only trick, post, dev, local), which is what the
 * library's own `compare` computes on every call.
 *
 * Strings that are not PEP 440 versions are ordered as `packaging`'s old LegacyVersion did (and
 * osv-scalibr does): below every valid version, and among themselves by the legacy key (numbers
 * zero-padded, "pre"/"preview"/"rc" → "c", "dev" → "@", "-" → "final-").
 * Numbers above 2^53 lose precision inside the library (such versions are not seen on PyPI).
 */
/** What the library's `parse` returns at runtime (its .d.ts describes `explain`'s shape instead). */
interface Pep440 {
  epoch: number;
  release: number[];
  pre: [string, number] | null;
  post: [string, number] | null;
  dev: [string, number] | null;
  local: Array<string | number> | null;
}
type Parsed = { valid: Pep440 } | { legacy: string[] };

const LEGACY_PART = /(\d+|[a-z]+|\.|-)/;
const LEGACY_REPLACE: Record<string, string> = { pre: "c", preview: "c", "-": "final-", rc: "c", dev: "@" };

/** packaging's `_legacy_cmpkey` parts for a lowercased version. */
function legacyKey(version: string): string[] {
  const parts: string[] = [];
  const raw = version.split(LEGACY_PART);
  raw.push("final");
  for (const piece of raw) {
    const part = LEGACY_REPLACE[piece] ?? piece;
    if (part === "" || part === ".") continue;
    const normalised = /^[0-9]/.test(part) ? part.padStart(8, "0") : `*${part}`;
    if (normalised.startsWith("*")) {
      if (normalised < "*final") while (parts.at(-1) === "*final-") parts.pop();
      while (parts.at(-1) === "00000000") parts.pop();
    }
    parts.push(normalised);
  }
  return parts;
}

const parse = cachedParser((input: string): Parsed => {
  const trimmed = input.trim();
  const parsed = parsePep440(trimmed) as unknown as Pep440 | null;
  return parsed ? { valid: parsed } : { legacy: legacyKey(trimmed.toLowerCase()) };
});

function compareLegacy(a: readonly string[], b: readonly string[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = compareStrings(a[i] ?? "", b[i] ?? "");
    if (d !== 0) return d;
  }
  return sign(a.length - b.length);
}

const cmpNum = (a: number, b: number) => (a < b ? -1 : a > b ? 1 : 0);

/** Python tuple order over numbers: element-wise, then the shorter first. */
function compareTuple(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const d = cmpNum(a[i] ?? 0, b[i] ?? 0);
    if (d !== 0) return d;
  }
  return cmpNum(a.length, b.length);
}

function withoutTrailingZeros(release: readonly number[]): number[] {
  let end = release.length;
  while (end > 0 && release[end - 1] === 0) end--;
  return release.slice(0, end);
}

/** The "pre" slot of packaging's key: dev-only releases first, no pre-release last. */
function preKey(v: Pep440): number[] {
  if (!v.pre && !v.post && v.dev) return [-Infinity];
  if (!v.pre) return [Infinity];
  const [letter, n] = v.pre;
  return [letter === "a" ? 0 : letter === "b" ? 1 : 2, Number(n)];
}

/** Local segments: a string sorts before a number; strings compare lexicographically. */
function compareLocal(a: Pep440["local"], b: Pep440["local"]): number {
  if (!a || !b) return a === b ? 0 : a ? 1 : -1;
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (typeof x === "number" && typeof y === "number") {
      if (x !== y) return cmpNum(x, y);
    } else if (typeof x === "number" || typeof y === "number") {
      return typeof x === "number" ? 1 : -1;
    } else if (x !== y) {
      return compareStrings(String(x), String(y));
    }
  }
  return cmpNum(a.length, b.length);
}

function compareValid(a: Pep440, b: Pep440): number {
  return (
    cmpNum(a.epoch, b.epoch) ||
    compareTuple(withoutTrailingZeros(a.release), withoutTrailingZeros(b.release)) ||
    compareTuple(preKey(a), preKey(b)) ||
    compareTuple(a.post ? [Number(a.post[1])] : [-Infinity], b.post ? [Number(b.post[1])] : [-Infinity]) ||
    compareTuple(a.dev ? [Number(a.dev[1])] : [Infinity], b.dev ? [Number(b.dev[1])] : [Infinity]) ||
    compareLocal(a.local, b.local)
  );
}

function comparePyPI(a: string, b: string): number {
  const pa = parse(a);
  const pb = parse(b);
  if ("valid" in pa && "valid" in pb) return compareValid(pa.valid, pb.valid);
  if ("legacy" in pa && "legacy" in pb) return compareLegacy(pa.legacy, pb.legacy);
  return "legacy" in pa ? -1 : 1;
}

/** PEP 440 ordering for PyPI. */
export const pep440Comparator: VersionComparator = {
  name: "pep440",
  ecosystems: ["PyPI"],
  compare: comparePyPI,
};
