import { describe, expect, it } from "vitest";
import type { CatalogedPackage, PackageType } from "./model.js";
import { DEFAULT_OSV_EXPORTS, PACKAGE_TYPES } from "./package-types.js";

const pkg = (type: PackageType, name: string, version: string, extra: Partial<CatalogedPackage> = {}) => ({
  name,
  version,
  type,
  path: "/x",
  ...extra,
});

describe("the package-type table", () => {
  it.each([
    { p: pkg("golang", "github.com/google/uuid", "v1.3.0"), purl: "pkg:golang/github.com/google/uuid@v1.3.0" },
    { p: pkg("golang", "stdlib", "go1.19.8"), purl: "pkg:golang/stdlib@go1.19.8" },
    {
      p: pkg("maven", "org.apache.logging.log4j:log4j-core", "2.19.0"),
      purl: "pkg:maven/org.apache.logging.log4j/log4j-core@2.19.0",
    },
    { p: pkg("maven", "jsr305", "0.1~+svn49"), purl: "pkg:generic/jsr305@0.1~+svn49" },
    { p: pkg("npm", "@types/semver", "7.5.0"), purl: "pkg:npm/%40types/semver@7.5.0" },
  ])("purl of $p.type $p.name", ({ p, purl }) => {
    expect(PACKAGE_TYPES[p.type].purl(p, null)).toBe(purl);
  });

  it.each([
    { p: pkg("golang", "stdlib", "go1.19.8"), key: { name: "stdlib", version: "1.19.8" } },
    { p: pkg("golang", "golang.org/x/net", "v0.7.0"), key: { name: "golang.org/x/net", version: "0.7.0" } },
    { p: pkg("golang", "github.com/pkg/errors", "(devel)"), key: null },
    {
      p: pkg("maven", "junit:junit4", "4.13.2", { confidence: "low" }),
      key: { name: "junit:junit4", version: "4.13.2" },
    },
    { p: pkg("maven", "jsr305", "0.1~+svn49", { confidence: "low" }), key: null },
    {
      p: pkg("deb", "zlib1g", "1:1.2.13.dfsg-1", { source: { name: "zlib", version: "" } }),
      key: { name: "zlib", version: "1:1.2.13.dfsg-1" },
    },
    {
      p: pkg("npm", "semver", "7.5.0", { source: { name: "x", version: "1" } }),
      key: { name: "semver", version: "7.5.0" },
    },
  ])("matches $p.type $p.name@$p.version as $key", ({ p, key }) => {
    expect(PACKAGE_TYPES[p.type].advisoryKey(p)).toEqual(key);
  });

  it.each([
    { type: "golang", ecosystem: "Go", kind: "language" },
    { type: "maven", ecosystem: "Maven", kind: "language" },
    { type: "rpm", ecosystem: "Red Hat", kind: "os" },
  ] as const)("$type: ecosystem $ecosystem, $kind", ({ type, ecosystem, kind }) => {
    expect(PACKAGE_TYPES[type].ecosystem(null)).toBe(ecosystem);
    expect(PACKAGE_TYPES[type].kind).toBe(kind);
  });

  it("fetches every type's OSV exports by default, Go and Maven included", () => {
    expect(DEFAULT_OSV_EXPORTS).toEqual(["Alpine", "Debian", "Go", "Maven", "npm", "PyPI", "Ubuntu"]);
  });
});
