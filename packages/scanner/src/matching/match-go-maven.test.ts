import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fixtureAdvisoryStore } from "../advisories/test-support/migrated-advisory-store.js";
import { finalizePackage } from "../catalogers/finalize-package.js";
import type { CatalogedPackage } from "../model.js";
import { matchPackages } from "./match-packages.js";

// Real golang/vulndb and GitHub (via OSV.dev) records: test/fixtures/osv-go-maven/README.md.
const FIXTURES = join(import.meta.dirname, "../../test/fixtures/osv-go-maven");

const LAYER = "sha256:1111111111111111111111111111111111111111111111111111111111111111";
const image = (p: Omit<CatalogedPackage, "path">) => finalizePackage({ path: "/app/bin", ...p }, null, LAYER);

describe("matchPackages on Go and Maven packages", () => {
  const store = fixtureAdvisoryStore(FIXTURES);

  it.each([
    {
      name: "stdlib go1.19.8 (before 1.19.9)",
      p: { name: "stdlib", version: "go1.19.8", type: "golang" },
      ids: ["GO-2023-1751"],
      fixed: "1.19.9",
    },
    { name: "stdlib go1.19.9 (fixed)", p: { name: "stdlib", version: "go1.19.9", type: "golang" }, ids: [] },
    {
      name: "stdlib go1.20 = 1.20.0 (second range)",
      p: { name: "stdlib", version: "go1.20", type: "golang" },
      ids: ["GO-2023-1751"],
      fixed: "1.20.4",
    },
    {
      name: "stdlib go1.20rc1 = 1.20.0-rc.1, after the second range's 1.20.0-0",
      p: { name: "stdlib", version: "go1.20rc1", type: "golang" },
      ids: ["GO-2023-1751"],
    },
    {
      name: "a v-prefixed module version",
      p: { name: "golang.org/x/net", version: "v0.7.0", type: "golang" },
      ids: ["GO-2023-1988"],
      fixed: "0.13.0",
    },
    {
      name: "a pseudo-version before the fix",
      p: { name: "golang.org/x/text", version: "v0.0.0-20210226172049-e18ecbb05110", type: "golang" },
      ids: ["GO-2022-1059"],
      fixed: "0.3.8",
    },
    {
      name: "a module built from a directory: never matched",
      p: { name: "golang.org/x/text", version: "(devel)", type: "golang" },
      ids: [],
    },
    {
      name: "Maven group:artifact in range",
      p: { name: "org.apache.logging.log4j:log4j-core", version: "2.19.0", type: "maven" },
      ids: ["GHSA-3pxv-7cmr-fjr4"],
      fixed: "2.25.4",
    },
    {
      name: "Maven qualifier ordering: 2.0-beta9 is after 2.0-alpha1",
      p: { name: "org.apache.logging.log4j:log4j-core", version: "2.0-beta9", type: "maven" },
      ids: ["GHSA-3pxv-7cmr-fjr4"],
    },
    {
      name: "Maven last_affected range: 3.0.0-beta3 affected",
      p: { name: "org.apache.logging.log4j:log4j-core", version: "3.0.0-beta3", type: "maven" },
      ids: ["GHSA-3pxv-7cmr-fjr4"],
    },
    {
      name: "Maven past the fix",
      p: { name: "org.apache.logging.log4j:log4j-core", version: "2.25.4", type: "maven" },
      ids: [],
    },
    {
      name: "Maven of unknown group: never matched",
      p: { name: "log4j-core", version: "2.19.0", type: "maven", confidence: "low" },
      ids: [],
    },
  ] as const)("$name", async ({ p, ids, ...rest }) => {
    const findings = await matchPackages(store(), [image(p)]);
    // Findings are keyed by the CVE; the record's own id is among the aliases.
    expect(
      findings.map(
        (f) => [f.id, ...f.aliases].find((id) => /^(GO|GHSA)-/.test(id) && ids.includes(id as never)) ?? f.id,
      ),
    ).toEqual(ids);
    if ("fixed" in rest) expect(findings[0]?.fixedVersion).toBe(rest.fixed);
    for (const f of findings) expect(f).toMatchObject({ packageName: p.name, packageVersion: p.version, type: p.type });
  });
});
