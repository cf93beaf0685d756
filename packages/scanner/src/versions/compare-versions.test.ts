import { isDomainError } from "@regscan/core";
import { describe, expect, it } from "vitest";
import { compareVersions, ecosystemName, getVersionComparator, isSupportedEcosystem } from "./index.js";
import { cachedParser } from "./parse-cache.js";

describe("getVersionComparator", () => {
  it.each([
    ["Debian:12", "dpkg"],
    ["Debian", "dpkg"],
    ["Ubuntu:22.04:LTS", "dpkg"],
    ["Ubuntu:Pro:18.04:LTS", "dpkg"],
    ["Alpine:v3.19", "apk"],
    ["Wolfi", "apk"],
    ["Chainguard", "apk"],
    ["Red Hat:enterprise_linux:9::appstream", "rpm"],
    ["AlmaLinux:9", "rpm"],
    ["Rocky Linux:9", "rpm"],
    ["npm", "semver"],
    ["Go", "semver"],
    ["crates.io", "semver"],
    ["Hex", "semver"],
    ["PyPI", "pep440"],
    ["Maven", "maven"],
    ["RubyGems", "rubygems"],
    ["Packagist", "packagist"],
    ["NuGet", "nuget"],
    ["Pub", "pub"],
    ["CRAN", "cran"],
    ["Hackage", "hackage"],
  ])("%s → %s", (ecosystem, name) => {
    expect(getVersionComparator(ecosystem)?.name).toBe(name);
    expect(isSupportedEcosystem(ecosystem)).toBe(true);
  });

  it.each(["", "debian:12", "cran", "Bioconductor", "GIT", "Linux"])("%j is unsupported", (ecosystem) => {
    expect(getVersionComparator(ecosystem)).toBeNull();
    expect(isSupportedEcosystem(ecosystem)).toBe(false);
  });
});

describe("ecosystemName", () => {
  it.each([
    ["Debian:12", "Debian"],
    ["Ubuntu:Pro:18.04:LTS", "Ubuntu"],
    ["npm", "npm"],
    [":x", ""],
  ])("%s → %s", (ecosystem, name) => expect(ecosystemName(ecosystem)).toBe(name));
});

describe("compareVersions", () => {
  it.each([
    ["Debian:12", "1:1.0-1", "2.0-1", 1],
    ["Debian:12", "1.0~rc1-1", "1.0-1", -1],
    ["Debian:12", "x:1.0", "1.0", 1], // non-numeric epoch stays in the upstream part
    ["Alpine:v3.19", "1.2.3_rc1-r0", "1.2.3-r0", -1],
    ["Alpine:v3.19", "1.2.3_p1-r0", "1.2.3-r5", 1],
    ["Red Hat", "1:1.0-1.el9", "1.5-1.el9", 1],
    ["Red Hat", "1.0~rc1-1", "1.0-1", -1],
    ["npm", "1.0.0-alpha", "1.0.0", -1],
    ["Go", "v1.2.3", "1.2.3", 0],
    ["Go", "v0.0.0-20230101000000-abcdef123456", "v0.1.0", -1],
    ["PyPI", "1.0.dev1", "1.0a1", -1],
    ["PyPI", "not-a-version", "0.0.1", -1], // invalid (legacy) versions sort below valid ones
    ["Maven", "1.0-SNAPSHOT", "1.0", -1],
    ["Maven", "1.0.Final", "1.0", 0],
    ["RubyGems", "1.0.0.pre", "1.0.0", -1],
    ["Packagist", "v2.0.0-beta1", "2.0.0", -1],
    ["NuGet", "1.0.0.1", "1.0.0", 1],
    ["Pub", "1.0.0+build.10", "1.0.0+build.9", 1],
    ["CRAN", "1.0-2", "1.0.10", -1],
    ["Hackage", "0.1.0", "0.1.0.0", -1],
  ])("%s: %s vs %s → %d", (ecosystem, a, b, expected) => {
    expect(compareVersions(ecosystem, a, b)).toBe(expected);
    expect(compareVersions(ecosystem, b, a)).toBe(expected === 0 ? 0 : -expected);
  });

  it("throws validation_failed for an ecosystem without an ordering", () => {
    let error: unknown;
    try {
      compareVersions("GIT", "1.0", "1.1");
    } catch (e) {
      error = e;
    }
    expect(isDomainError(error) && error.code).toBe("validation_failed");
  });
});

describe("cachedParser", () => {
  it("parses each string once while cached and evicts the oldest entry when full", () => {
    const seen: string[] = [];
    const parse = cachedParser((v: string) => {
      seen.push(v);
      return v.length;
    }, 2);
    expect([parse("a"), parse("bb"), parse("a")]).toEqual([1, 2, 1]);
    expect(seen).toEqual(["a", "bb"]);
    parse("ccc"); // evicts "a"
    parse("a");
    expect(seen).toEqual(["a", "bb", "ccc", "a"]);
  });
});
