import { describe, expect, it } from "vitest";
import { type FindingFilter, filterFindings } from "./filter-findings.js";
import type { Finding } from "./finding.js";
import { parseIgnoreFile } from "./ignore-rules.js";

const base: Finding = {
  id: "CVE-2023-38545",
  aliases: ["DEBIAN-CVE-2023-38545", "DSA-5587-1"],
  packageName: "libcurl4",
  packageVersion: "7.88.1-10+deb12u3",
  type: "deb",
  ecosystem: "Debian:12",
  purl: "pkg:deb/debian/libcurl4@7.88.1-10%2Bdeb12u3?arch=amd64&distro=debian-12",
  source: { name: "curl", version: "7.88.1-10+deb12u3" },
  fixedVersion: "7.88.1-10+deb12u4",
  severity: "HIGH",
  summary: "SOCKS5 heap buffer overflow",
  layer: "sha256:aa",
};
const FINDINGS: Finding[] = [
  base,
  {
    ...base,
    id: "CVE-2011-3374",
    aliases: [],
    packageName: "apt",
    source: undefined,
    fixedVersion: null,
    severity: "LOW",
  },
  {
    ...base,
    id: "CVE-2020-28498",
    aliases: ["GHSA-r9p9-mrjm-926w"],
    packageName: "elliptic",
    type: "npm",
    severity: "MEDIUM",
  },
];

describe("filterFindings", () => {
  it.each<{ name: string; filter: FindingFilter; kept: string[]; ignored?: string[] }>([
    { name: "no filter", filter: {}, kept: ["CVE-2023-38545", "CVE-2011-3374", "CVE-2020-28498"] },
    { name: "severities", filter: { severities: ["HIGH", "MEDIUM"] }, kept: ["CVE-2023-38545", "CVE-2020-28498"] },
    { name: "unfixed dropped", filter: { ignoreUnfixed: true }, kept: ["CVE-2023-38545", "CVE-2020-28498"] },
    {
      name: "ignore by alias",
      filter: { ignore: [{ id: "GHSA-r9p9-mrjm-926w", reason: "not reachable" }] },
      kept: ["CVE-2023-38545", "CVE-2011-3374"],
      ignored: ["CVE-2020-28498"],
    },
    {
      name: "ignore limited to a source package",
      filter: { ignore: [{ id: "DSA-5587-1", reason: "r", package: "curl" }] },
      kept: ["CVE-2011-3374", "CVE-2020-28498"],
      ignored: ["CVE-2023-38545"],
    },
    {
      name: "ignore for another package does nothing",
      filter: { ignore: [{ id: "CVE-2023-38545", reason: "r", package: "openssl" }] },
      kept: ["CVE-2023-38545", "CVE-2011-3374", "CVE-2020-28498"],
    },
  ])("$name", ({ filter, kept, ignored = [] }) => {
    const result = filterFindings(FINDINGS, filter);
    expect(result.kept.map((f) => f.id)).toEqual(kept);
    expect(result.ignored.map((i) => i.finding.id)).toEqual(ignored);
  });
});

describe("parseIgnoreFile", () => {
  const now = new Date("2026-11-26T12:00:00Z");
  it("keeps rules in force and warns about expired ones", () => {
    const text = [
      "- id: CVE-2023-38545",
      "  reason: no SOCKS5 proxy in use",
      "  expires: 2026-11-26",
      "- id: CVE-2011-3374",
      "  reason: accepted risk",
      "  expires: 2026-11-25",
      "- id: GHSA-r9p9-mrjm-926w",
      "  reason: dev dependency",
      "  package: elliptic",
      "",
    ].join("\n");
    expect(parseIgnoreFile(text, now)).toEqual({
      rules: [
        { id: "CVE-2023-38545", reason: "no SOCKS5 proxy in use", expires: "2026-11-26" },
        { id: "GHSA-r9p9-mrjm-926w", reason: "dev dependency", package: "elliptic" },
      ],
      warnings: [".regscanignore: the ignore rule for CVE-2011-3374 expired on 2026-11-25; it is no longer applied."],
    });
  });

  it.each([
    { name: "empty file", text: "", rules: 0 },
    { name: "comments only", text: "# nothing ignored\n", rules: 0 },
    { name: "date-time expiry in the future", text: "- {id: X, reason: r, expires: '2026-11-26T13:00:00Z'}", rules: 1 },
  ])("accepts $name", ({ text, rules }) => {
    expect(parseIgnoreFile(text, now).rules).toHaveLength(rules);
  });

  it.each([
    { name: "not a list", text: "id: X\nreason: r\n", message: /must be a YAML list/ },
    { name: "missing reason", text: "- id: X\n", message: /entry 1 \(X\) needs a reason/ },
    { name: "missing id", text: "- reason: r\n", message: /entry 1 needs an id/ },
    { name: "bad date", text: "- {id: X, reason: r, expires: soon}", message: /expires must be a date/ },
    { name: "invalid YAML", text: "- id: [unclosed\n", message: /not valid YAML/ },
  ])("rejects $name", ({ text, message }) => {
    expect(() => parseIgnoreFile(text, now)).toThrow(message);
  });
});
