import { describe, expect, it } from "vitest";
import { FINDINGS, INCOMPLETE_INVENTORY, INVENTORY } from "./report-fixture.test-support.js";
import { renderTable } from "./table-report.js";
import { buildVulnerabilityReport } from "./vulnerability-report.js";

describe("renderTable", () => {
  const report = buildVulnerabilityReport(INVENTORY, FINDINGS);

  it("groups findings by package with the fixed version", () => {
    expect(renderTable(report, false)).toBe(
      [
        "docker://registry.example/team/app:1.2 (debian 12)",
        "Packages: 2   Vulnerabilities: 3 (CRITICAL: 0, HIGH: 1, MEDIUM: 1, LOW: 0, UNKNOWN: 1)",
        "",
        "elliptic 6.5.3 (npm)",
        "  SEVERITY  ID              FIXED IN           SUMMARY",
        "  MEDIUM    CVE-2020-28498  6.5.4              Use of a Broken or Risky Cryptographic Algorithm",
        "",
        "libcurl4 7.88.1-10+deb12u3 (deb, source curl 7.88.1-10+deb12u3)",
        "  SEVERITY  ID              FIXED IN           SUMMARY",
        "  HIGH      CVE-2023-38545  7.88.1-10+deb12u4  This flaw makes curl overflow a heap based buffer in the SOCKS5 proxy…",
        "  UNKNOWN   DSA-5587-1      7.88.1-10+deb12u5  curl - security update",
        "",
      ].join("\n"),
    );
  });

  it.each([
    { color: true, hasEscapes: true },
    { color: false, hasEscapes: false },
  ])("colour $color", ({ color, hasEscapes }) => {
    expect(renderTable(report, color).includes("\x1b[")).toBe(hasEscapes);
  });

  it("says so when nothing was found", () => {
    expect(renderTable(buildVulnerabilityReport(INVENTORY, []), false)).toMatch(/No vulnerabilities found\.\n$/);
  });

  it("warns under the summary that an incomplete inventory may miss packages, with each reason", () => {
    expect(renderTable(buildVulnerabilityReport(INCOMPLETE_INVENTORY, []), false)).toBe(
      [
        "docker://registry.example/team/app:1.2 (debian 12)",
        "Packages: 2   Vulnerabilities: 0 (CRITICAL: 0, HIGH: 0, MEDIUM: 0, LOW: 0, UNKNOWN: 0)",
        "INCOMPLETE inventory: packages and their vulnerabilities may be missing, because:",
        "  - rpm Berkeley DB database is not supported; rpm packages were not inventoried (/var/lib/rpm/Packages) [rpmdb_unsupported]",
        "",
        "No vulnerabilities found in the packages inventoried.",
        "",
      ].join("\n"),
    );
    const many = {
      ...INCOMPLETE_INVENTORY,
      notices: Array.from({ length: 12 }, (_, i) => ({ code: "parse_error", message: `m${i}`, incomplete: true })),
    };
    expect(renderTable(buildVulnerabilityReport(many, FINDINGS), false)).toContain(
      "  - m9 [parse_error]\n  … and 2 more (see --format json)\n",
    );
  });
});
