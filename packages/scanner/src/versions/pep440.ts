import { compare as comparePep440, valid } from "@renovatebot/pep440";
import { compareStrings, sign, type VersionComparator } from "./comparator.js";
import { cachedParser } from "./parse-cache.js";

/**
 * PyPI order: PEP 440 via `@renovatebot/pep440` (a port of Python's `packaging.version`).
 *
 * Strings that are not PEP 440 versions are ordered as `packaging`'s old LegacyVersion did (and
 * osv-scalibr does): below every valid version, and among themselves by the legacy key (numbers
 * zero-padded, "pre"/"preview"/"rc" → "c", "dev" → "@", "-" → "final-").
 * Numbers above 2^53 lose precision inside the library (such versions are not seen on PyPI).
 */
type Parsed = { valid: string } | { legacy: string[] };

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
    const normalised = /^[0-9]/.test(part) ? part.padStart(8, "0") : "*" + part;
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
  if (valid(trimmed) !== null) return { valid: trimmed };
  return { legacy: legacyKey(trimmed.toLowerCase()) };
});

function compareLegacy(a: readonly string[], b: readonly string[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = compareStrings(a[i] ?? "", b[i] ?? "");
    if (d !== 0) return d;
  }
  return sign(a.length - b.length);
}

function comparePyPI(a: string, b: string): number {
  const pa = parse(a);
  const pb = parse(b);
  if ("valid" in pa && "valid" in pb) return sign(comparePep440(pa.valid, pb.valid));
  if ("legacy" in pa && "legacy" in pb) return compareLegacy(pa.legacy, pb.legacy);
  return "legacy" in pa ? -1 : 1;
}

/** PEP 440 ordering for PyPI. */
export const pep440Comparator: VersionComparator = {
  name: "pep440",
  ecosystems: ["PyPI"],
  compare: comparePyPI,
};
