import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { VersionComparator } from "./comparator.js";
import { VERSION_COMPARATORS } from "./compare-versions.js";
import { REALISTIC } from "./testing/arbitraries.js";
import { vectorVersions } from "./testing/read-vectors.js";

/** Fixed seed: the runs are deterministic; change it locally to explore. */
const SEED = 20261126;

/** Vector files whose versions feed the transitivity check, per comparator. */
const VECTOR_FILES: Record<string, string[]> = {
  dpkg: ["debian-versions.txt", "debian-versions-generated.txt"],
  apk: ["alpine-versions.txt", "alpine-versions-generated.txt"],
  rpm: ["redhat-versions.txt"],
  semver: ["semver-versions.txt"],
  pep440: ["pypi-versions.txt", "pypi-versions-generated.txt"],
  maven: ["maven-versions.txt", "maven-versions-generated.txt"],
  rubygems: ["rubygems-versions.txt", "rubygems-versions-generated.txt"],
  packagist: ["packagist-versions.txt", "packagist-versions-generated.txt"],
  nuget: ["nuget-versions.txt"],
  pub: ["pub-versions.txt"],
  cran: ["cran-versions.txt", "cran-versions-generated.txt"],
  hackage: ["hackage-versions.txt"],
};

/**
 * Versions the vector files themselves order inconsistently, left out of the transitivity check:
 * apk text apk cannot parse equals a parseable version with the same prefix ("1-ruff2 = 1--ruff1")
 * yet differs from other unparseable text; PHP treats "#" as a number ("1.2.3.# = 1.2.3" and
 * "1.2.3.# = 1.2.3.1").
 */
const NOT_TRANSITIVE: Record<string, (v: string) => boolean> = {
  apk: (v) => !/^(\d+(\.\d+)*)?[a-z]?(_(alpha|beta|pre|rc|cvs|svn|git|hg|p)\d*)*(~[0-9a-f]+)?(-r\d+)?$/.test(v),
  packagist: (v) => v.includes("#"),
};

/** Strings a version parser may meet: anything, and near-versions made of version characters. */
const junk = fc.oneof(
  fc.string(),
  fc.string({ unit: "binary", maxLength: 20 }),
  fc.string({ unit: fc.constantFrom(..."0123456789.-_~^+:!abcdeprvlAZ# "), maxLength: 16 }),
);

function realisticFor(c: VersionComparator): fc.Arbitrary<string> {
  const ecosystem = c.ecosystems.find((e) => e in REALISTIC);
  const arb = ecosystem ? REALISTIC[ecosystem] : undefined;
  if (!arb) throw new Error(`no realistic generator for ${c.name}`);
  return arb;
}

/** Sorting with a total preorder leaves every pair in order; a cycle cannot be sorted that way. */
function isConsistent(cmp: (a: string, b: string) => number, triple: string[]): boolean {
  const [a, b, c] = [...triple].sort(cmp) as [string, string, string];
  const ab = cmp(a, b);
  const bc = cmp(b, c);
  const ac = cmp(a, c);
  if (ab > 0 || bc > 0 || ac > 0) return false;
  return !(ab === 0 && bc === 0 && ac !== 0);
}

describe.each(VERSION_COMPARATORS.map((c) => ({ name: c.name, c })))("$name comparator properties", ({ name, c }) => {
  const cmp = (a: string, b: string) => c.compare(a, b);

  it("never throws on arbitrary strings, answers -1/0/1, is reflexive and antisymmetric", () => {
    fc.assert(
      fc.property(junk, junk, (a, b) => {
        const ab = cmp(a, b);
        expect([-1, 0, 1]).toContain(ab);
        expect(cmp(a, a)).toBe(0);
        expect(cmp(b, a)).toBe(ab === 0 ? 0 : -ab);
      }),
      { seed: SEED, numRuns: 400 },
    );
  });

  it("is reflexive, antisymmetric and transitive on realistic versions", () => {
    const arb = realisticFor(c);
    fc.assert(
      fc.property(arb, arb, arb, (a, b, d) => {
        expect(cmp(a, a)).toBe(0);
        const ab = cmp(a, b);
        expect(cmp(b, a)).toBe(ab === 0 ? 0 : -ab);
        expect(isConsistent(cmp, [a, b, d]), `${a} | ${b} | ${d}`).toBe(true);
      }),
      { seed: SEED, numRuns: 800 },
    );
  });

  it("is transitive on triples of the vector files' versions", () => {
    const excluded = NOT_TRANSITIVE[name] ?? (() => false);
    const versions = vectorVersions(VECTOR_FILES[name] ?? []).filter((v) => !excluded(v));
    expect(versions.length).toBeGreaterThan(10);
    const pick = fc.constantFrom(...versions);
    fc.assert(
      fc.property(pick, pick, pick, (a, b, d) => {
        expect(isConsistent(cmp, [a, b, d]), `${a} | ${b} | ${d}`).toBe(true);
      }),
      { seed: SEED, numRuns: 800 },
    );
  });
});
