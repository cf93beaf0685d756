/** Scans, findings and summaries for the unit tests, shaped like the API's JSON. */
import type { Finding, Scan, SeveritySummary } from "../api/api-types.js";

export const NOW = new Date("2026-06-01T12:00:00Z");

export function summary(s: Partial<SeveritySummary> = {}): SeveritySummary {
  return { critical: 0, high: 0, medium: 0, low: 0, unknown: 0, ...s };
}

export function scan(over: Partial<Scan> = {}): Scan {
  return {
    id: "scan-1",
    projectId: "p1",
    status: "succeeded",
    image: "rg.fr-par.scw.cloud/ns/api:1.4.2",
    digest: `sha256:${"b".repeat(64)}`,
    credentialId: "c1",
    progress: { phase: "done", layersDone: 3, layersTotal: 3, bytesDone: 300, bytesTotal: 300 },
    summary: summary({ critical: 1, high: 3 }),
    advisories: { updatedAt: "2026-06-01T00:00:00.000Z" },
    warnings: [],
    attempts: 1,
    createdAt: "2026-06-01T09:55:00.000Z",
    startedAt: "2026-06-01T09:55:01.000Z",
    finishedAt: "2026-06-01T10:00:00.000Z",
    createdBy: "t1",
    ...over,
  };
}

export function finding(over: Partial<Finding> = {}): Finding {
  return {
    id: "f1",
    vulnerabilityId: "CVE-2099-0001",
    aliases: ["DSA-1"],
    severity: "CRITICAL",
    cvss: { version: "3.1", vector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", score: 9.8 },
    packageName: "zlib1g",
    packageVersion: "1:1.2.13.dfsg-1",
    type: "deb",
    ecosystem: "Debian:12",
    purl: "pkg:deb/debian/zlib1g@1:1.2.13.dfsg-1",
    fixedVersion: "1:1.3.dfsg-1",
    summary: "zlib test advisory",
    layer: "sha256:l1",
    ...over,
  };
}
