import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { AdvisoryStore } from "../advisories/advisory-store.js";
import type { OsvRecord } from "../advisories/osv-record.js";
import { fixtureAdvisoryStore } from "../advisories/test-support/migrated-advisory-store.js";
import type { ImagePackage } from "../model.js";
import { matchPackages } from "./match-packages.js";

const FIXTURES = join(import.meta.dirname, "../../test/fixtures/osv");
const RECORDS = readdirSync(FIXTURES)
  .filter((f) => f.endsWith(".json"))
  .map((f) => JSON.parse(readFileSync(join(FIXTURES, f), "utf8")) as OsvRecord);

const LAYER = "sha256:1111111111111111111111111111111111111111111111111111111111111111";
function pkg(p: Partial<ImagePackage> & Pick<ImagePackage, "name" | "version" | "type" | "ecosystem">): ImagePackage {
  return { path: "/var/lib/dpkg/status", purl: `pkg:generic/${p.name}@${p.version}`, layer: LAYER, ...p };
}

describe("matchPackages", () => {
  const store = fixtureAdvisoryStore(FIXTURES);

  it.each([
    {
      name: "Debian binary package through its source: DEBIAN-CVE + DSA merged under the CVE (synthetic records)",
      pkg: pkg({
        name: "libcurl4",
        version: "7.88.1-10+deb12u3",
        type: "deb",
        ecosystem: "Debian:12",
        source: { name: "curl", version: "7.88.1-10+deb12u3" },
      }),
      expected: [
        {
          id: "CVE-2023-38545",
          aliases: ["DEBIAN-CVE-2023-38545", "DSA-5587-1"],
          fixedVersion: "7.88.1-10+deb12u4",
          severity: "HIGH",
        },
      ],
    },
    {
      name: "a DSA naming several CVEs stands alone when no CVE record matched (synthetic records)",
      pkg: pkg({
        name: "curl",
        version: "7.88.1-10+deb12u4",
        type: "deb",
        ecosystem: "Debian:12",
        source: { name: "curl", version: "7.88.1-10+deb12u4" },
      }),
      expected: [
        {
          id: "DSA-5587-1",
          aliases: ["CVE-2023-28321", "CVE-2023-28322", "CVE-2023-38545", "CVE-2023-38546", "CVE-2023-46218"],
          fixedVersion: "7.88.1-10+deb12u5",
          severity: "UNKNOWN",
        },
      ],
    },
    {
      name: "a real DSA naming its CVEs and DEBIAN-CVE records stands alone",
      pkg: pkg({
        name: "vlc",
        version: "0.8.6-svn20061012.debian-5",
        type: "deb",
        ecosystem: "Debian:4.0",
        source: { name: "vlc", version: "0.8.6-svn20061012.debian-5" },
      }),
      expected: [
        {
          id: "DSA-1819-1",
          aliases: [
            "CVE-2008-1768",
            "CVE-2008-1769",
            "CVE-2008-1881",
            "CVE-2008-2147",
            "CVE-2008-2430",
            "CVE-2008-3794",
            "CVE-2008-4686",
            "CVE-2008-5032",
            "DEBIAN-CVE-2008-1768",
            "DEBIAN-CVE-2008-1769",
            "DEBIAN-CVE-2008-1881",
            "DEBIAN-CVE-2008-2147",
            "DEBIAN-CVE-2008-2430",
            "DEBIAN-CVE-2008-3794",
            "DEBIAN-CVE-2008-4686",
            "DEBIAN-CVE-2008-5032",
          ],
          fixedVersion: "0.8.6-svn20061012.debian-5.1+etch3",
          severity: "UNKNOWN",
          summary: "vlc - several vulnerabilities",
        },
      ],
    },
    {
      name: "a fixed Debian package",
      pkg: pkg({
        name: "curl",
        version: "7.88.1-10+deb12u5",
        type: "deb",
        ecosystem: "Debian:12",
        source: { name: "curl", version: "7.88.1-10+deb12u5" },
      }),
      expected: [],
    },
    {
      name: "a Debian release the records do not list",
      pkg: pkg({ name: "curl", version: "7.74.0-1.3+deb11u7", type: "deb", ecosystem: "Debian:11" }),
      expected: [],
    },
    {
      name: "Alpine package through its origin",
      pkg: pkg({
        name: "musl-utils",
        version: "1.2.5-r0",
        type: "apk",
        ecosystem: "Alpine:v3.20",
        source: { name: "musl", version: "1.2.5-r0" },
      }),
      expected: [
        {
          id: "CVE-2025-26519",
          aliases: ["ALPINE-CVE-2025-26519"],
          fixedVersion: "1.2.5-r1",
          severity: "HIGH",
          cvss: { version: "3.1", vector: "CVSS:3.1/AV:L/AC:H/PR:L/UI:N/S:U/C:H/I:H/A:H", score: 7 },
        },
      ],
    },
    {
      name: "the fixed version of the package's own Alpine branch",
      pkg: pkg({
        name: "musl",
        version: "1.2.3-r1",
        type: "apk",
        ecosystem: "Alpine:v3.16",
        source: { name: "musl", version: "1.2.3-r1" },
      }),
      expected: [
        { id: "CVE-2025-26519", aliases: ["ALPINE-CVE-2025-26519"], fixedVersion: "1.2.3-r4", severity: "HIGH" },
      ],
    },
    {
      name: "a fixed Alpine package",
      pkg: pkg({
        name: "musl",
        version: "1.2.5-r1",
        type: "apk",
        ecosystem: "Alpine:v3.20",
        source: { name: "musl", version: "1.2.5-r1" },
      }),
      expected: [],
    },
    {
      name: "Ubuntu package with a CVSS vector",
      pkg: pkg({
        name: "libcurl4",
        version: "7.81.0-1ubuntu1.13",
        type: "deb",
        ecosystem: "Ubuntu:22.04:LTS",
        source: { name: "curl", version: "7.81.0-1ubuntu1.13" },
      }),
      expected: [
        {
          id: "CVE-2023-38545",
          aliases: ["UBUNTU-CVE-2023-38545"],
          fixedVersion: "7.81.0-1ubuntu1.14",
          severity: "CRITICAL",
          cvss: { version: "3.1", vector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", score: 9.8 },
        },
      ],
    },
    {
      name: "npm package",
      pkg: pkg({ name: "elliptic", version: "6.5.3", type: "npm", ecosystem: "npm" }),
      expected: [{ id: "CVE-2020-28498", aliases: ["GHSA-r9p9-mrjm-926w"], fixedVersion: "6.5.4", severity: "MEDIUM" }],
    },
    {
      name: "PyPI package by normalised name: PYSEC + GHSA merged",
      pkg: pkg({ name: "Requests", version: "2.28.1", type: "pypi", ecosystem: "PyPI" }),
      expected: [
        {
          id: "CVE-2023-32681",
          aliases: ["GHSA-j8r2-6x86-q33q", "PYSEC-2023-74"],
          fixedVersion: "2.31.0",
          severity: "MEDIUM",
          cvss: { version: "3.1", vector: "CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:C/C:H/I:N/A:N", score: 6.1 },
          summary: "Unintended leak of Proxy-Authorization header in requests",
        },
      ],
    },
    {
      name: "an ecosystem without version ordering is skipped",
      pkg: pkg({ name: "curl", version: "1", type: "rpm", ecosystem: "Unknown:1" }),
      expected: [],
    },
  ])("$name", async ({ pkg: p, expected }) => {
    const findings = await matchPackages(store(), [p]);
    expect(findings).toHaveLength(expected.length);
    findings.forEach((f, i) => {
      expect(f).toMatchObject({
        ...expected[i],
        packageName: p.name,
        packageVersion: p.version,
        type: p.type,
        ecosystem: p.ecosystem,
        purl: p.purl,
        layer: LAYER,
      });
      expect(f.source).toEqual(p.source);
    });
  });

  it("uses the first line of details when a record has no summary", async () => {
    const [f] = await matchPackages(store(), [
      pkg({ name: "musl", version: "1.2.5-r0", type: "apk", ecosystem: "Alpine:v3.20" }),
    ]);
    expect(f?.summary).toBe(
      "musl libc 0.9.13 through 1.2.5 before 1.2.6 has an out-of-bounds write vulnerability when an attacker can trigger iconv conversion of untrusted EUC-KR text to UTF-8.",
    );
  });

  it("never matches withdrawn records, even when a store returns them", async () => {
    const record = RECORDS.find((r) => r.id === "UBUNTU-CVE-2001-1593")!; // withdrawn by Canonical
    const storeWith = (r: OsvRecord) =>
      ({ findForPackages: async () => new Map([["Ubuntu:14.04:LTS\u0000a2ps", [r]]]) }) as unknown as AdvisoryStore;
    const a2ps = pkg({
      name: "a2ps",
      version: "1:4.14-1.1",
      type: "deb",
      ecosystem: "Ubuntu:14.04:LTS",
      source: { name: "a2ps", version: "1:4.14-1.1" },
    });
    expect(await matchPackages(storeWith(record), [a2ps])).toEqual([]);
    expect(await matchPackages(storeWith({ ...record, withdrawn: undefined }), [a2ps])).toHaveLength(1);
  });

  it("matches many packages in batches, in package order", async () => {
    const pkgs = Array.from({ length: 7 }, (_, i) =>
      pkg({ name: "elliptic", version: `6.5.${i}`, type: "npm", ecosystem: "npm" }),
    );
    const findings = await matchPackages(store(), pkgs, { batchSize: 2 });
    expect(findings.map((f) => f.packageVersion)).toEqual(["6.5.0", "6.5.1", "6.5.2", "6.5.3"]);
  });
});
