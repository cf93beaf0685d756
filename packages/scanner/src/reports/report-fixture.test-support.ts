import type { Finding } from "../matching/finding.js";
import type { ImageInventory, ImagePackage } from "../model.js";
import type { ReportContext } from "./report-format.js";

// Test support shared by the report tests (not exported by the package).

const LAYER = "sha256:4f4fb700ef54461cfa02571ae0db9a0dc1e0cdb5577484a6d75e68dc38e8acc1";

export const PACKAGES: ImagePackage[] = [
  {
    name: "libcurl4",
    version: "7.88.1-10+deb12u3",
    type: "deb",
    arch: "amd64",
    source: { name: "curl", version: "7.88.1-10+deb12u3" },
    path: "/var/lib/dpkg/status",
    ecosystem: "Debian:12",
    purl: "pkg:deb/debian/libcurl4@7.88.1-10%2Bdeb12u3?arch=amd64&distro=debian-12",
    layer: LAYER,
  },
  {
    name: "elliptic",
    version: "6.5.3",
    type: "npm",
    path: "/app/node_modules/elliptic/package.json",
    ecosystem: "npm",
    purl: "pkg:npm/elliptic@6.5.3",
    layer: LAYER,
  },
];

export const INVENTORY: ImageInventory = {
  schemaVersion: 1,
  artifact: {
    ref: "docker://registry.example/team/app:1.2",
    digest: "sha256:0d5c2b1e3e1a4c5e9f1e0f1c2b3a4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e",
    os: { family: "debian", version: "12" },
    layers: [{ digest: "sha256:aa", diffId: LAYER, size: 1234 }],
  },
  packages: PACKAGES,
  notices: [],
};

/** The same inventory with a package database that could not be read (packages may be missing). */
export const INCOMPLETE_INVENTORY: ImageInventory = {
  ...INVENTORY,
  notices: [
    {
      code: "rpmdb_unsupported",
      message: "rpm Berkeley DB database is not supported; rpm packages were not inventoried",
      path: "/var/lib/rpm/Packages",
      incomplete: true,
    },
  ],
};

export const FINDINGS: Finding[] = [
  {
    id: "CVE-2020-28498",
    aliases: ["GHSA-r9p9-mrjm-926w"],
    packageName: "elliptic",
    packageVersion: "6.5.3",
    type: "npm",
    ecosystem: "npm",
    purl: "pkg:npm/elliptic@6.5.3",
    fixedVersion: "6.5.4",
    severity: "MEDIUM",
    cvss: { version: "3.1", vector: "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:C/C:H/I:N/A:N", score: 6.8 },
    summary: "Use of a Broken or Risky Cryptographic Algorithm",
    layer: LAYER,
  },
  {
    id: "DSA-5587-1",
    aliases: ["CVE-2023-28321"],
    packageName: "libcurl4",
    packageVersion: "7.88.1-10+deb12u3",
    type: "deb",
    ecosystem: "Debian:12",
    purl: PACKAGES[0]!.purl,
    source: { name: "curl", version: "7.88.1-10+deb12u3" },
    fixedVersion: "7.88.1-10+deb12u5",
    severity: "UNKNOWN",
    summary: "curl - security update",
    layer: LAYER,
  },
  {
    id: "CVE-2023-38545",
    aliases: ["DEBIAN-CVE-2023-38545", "DSA-5587-1"],
    packageName: "libcurl4",
    packageVersion: "7.88.1-10+deb12u3",
    type: "deb",
    ecosystem: "Debian:12",
    purl: PACKAGES[0]!.purl,
    source: { name: "curl", version: "7.88.1-10+deb12u3" },
    fixedVersion: "7.88.1-10+deb12u4",
    severity: "HIGH",
    summary: "This flaw makes curl overflow a heap based buffer in the SOCKS5 proxy handshake.",
    layer: LAYER,
  },
];

export const CONTEXT: ReportContext = {
  color: false,
  tool: { name: "regscan", version: "0.1.0" },
  now: new Date("2026-11-26T12:00:00.000Z"),
};
