import { describe, expect, it } from "vitest";
import { compareVersions } from "./compare-versions.js";
import { readVectors, vectorFiles } from "./testing/read-vectors.js";

/** Which ecosystem each vector file is checked against (one row per file and ecosystem). */
const CASES: ReadonlyArray<{ file: string; ecosystem: string }> = [
  { file: "debian-versions.txt", ecosystem: "Debian:12" },
  { file: "debian-versions-generated.txt", ecosystem: "Debian:12" },
  { file: "debian-versions.txt", ecosystem: "Ubuntu:22.04:LTS" },
  { file: "alpine-versions.txt", ecosystem: "Alpine:v3.19" },
  { file: "alpine-versions-generated.txt", ecosystem: "Alpine:v3.19" },
  { file: "alpine-versions.txt", ecosystem: "Wolfi" },
  { file: "redhat-versions.txt", ecosystem: "Red Hat:enterprise_linux:9::appstream" },
  { file: "redhat-versions.txt", ecosystem: "AlmaLinux:9" },
  { file: "redhat-versions.txt", ecosystem: "Rocky Linux:9" },
  { file: "semver-versions.txt", ecosystem: "npm" },
  { file: "semver-versions.txt", ecosystem: "Go" },
  { file: "semver-versions.txt", ecosystem: "crates.io" },
  { file: "semver-versions.txt", ecosystem: "Hex" },
  { file: "pypi-versions.txt", ecosystem: "PyPI" },
  { file: "pypi-versions-generated.txt", ecosystem: "PyPI" },
  { file: "maven-versions.txt", ecosystem: "Maven" },
  { file: "maven-versions-generated.txt", ecosystem: "Maven" },
  { file: "rubygems-versions.txt", ecosystem: "RubyGems" },
  { file: "rubygems-versions-generated.txt", ecosystem: "RubyGems" },
  { file: "packagist-versions.txt", ecosystem: "Packagist" },
  { file: "packagist-versions-generated.txt", ecosystem: "Packagist" },
  { file: "nuget-versions.txt", ecosystem: "NuGet" },
  { file: "pub-versions.txt", ecosystem: "Pub" },
  { file: "cran-versions.txt", ecosystem: "CRAN" },
  { file: "cran-versions-generated.txt", ecosystem: "CRAN" },
  { file: "hackage-versions.txt", ecosystem: "Hackage" },
];

const EXPECTED = { "<": -1, "=": 0, ">": 1 } as const;

describe("version vectors (osv-scalibr semantic/testdata)", () => {
  it("checks every vector file", () => {
    const checked = new Set(CASES.map((c) => c.file));
    expect(vectorFiles().filter((f) => !checked.has(f))).toEqual([]);
  });

  it.each(CASES)("$file as $ecosystem: every line, both ways", ({ file, ecosystem }) => {
    const vectors = readVectors(file);
    expect(vectors.length).toBeGreaterThan(0);
    const failures: string[] = [];
    for (const { line, a, op, b } of vectors) {
      const forward = compareVersions(ecosystem, a, b);
      const backward = compareVersions(ecosystem, b, a);
      if (forward !== EXPECTED[op] || backward !== -EXPECTED[op]) {
        failures.push(`${file}:${line}: ${a} ${op} ${b} (got ${forward}, reversed ${backward})`);
      }
    }
    expect(failures.slice(0, 25), `${failures.length} of ${vectors.length} lines fail`).toEqual([]);
  });
});
