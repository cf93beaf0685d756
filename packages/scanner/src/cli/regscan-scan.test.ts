/**
 * `regscan scan` as a user runs it (the built CLI as a child process) on a real test image,
 * against an advisory database that `regscan db import` made from an OSV export: severities come
 * from the record's CVSS vectors, and `--severity` / `--exit-code` gate on them.
 */

import { readFileSync, writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { zipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SKIP_REASON, testImages } from "../../test/support/test-images.js";
import type { OsvRecord } from "../advisories/osv-record.js";
import { runRegscan } from "./test-support/run-regscan.js";

const images = testImages();
const VECTOR = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H";

/**
 * The real UBUNTU-CVE-2023-38545 record (two CVSS 3.1 vectors, 9.8 and 8.8), retargeted for this
 * test: its affected entries replaced by one for the base image's zlib (Debian:12, unfixed) and
 * the Ubuntu priority word dropped, so the severity can only come from the vectors.
 */
function testRecord(): OsvRecord {
  const path = join(import.meta.dirname, "../../test/fixtures/osv/UBUNTU-CVE-2023-38545.json");
  const real = JSON.parse(readFileSync(path, "utf8")) as OsvRecord;
  expect(real.severity?.map((s) => s.score)).toContain(VECTOR);
  return {
    ...real,
    severity: (real.severity ?? []).filter((s) => s.type.startsWith("CVSS")),
    affected: [
      {
        package: { ecosystem: "Debian:12", name: "zlib", purl: "pkg:deb/debian/zlib?arch=source" },
        ranges: [{ type: "ECOSYSTEM", events: [{ introduced: "0" }] }],
      },
    ],
  };
}

describe.skipIf(!images)(`regscan scan rates findings by CVSS ${images ? "" : SKIP_REASON}`, () => {
  let home = "";
  let db = "";
  let ref = "";
  const scan = (args: string[]) => runRegscan(["scan", "-q", "--db", db, ...args, ref], home);

  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), "regscan-scan-cvss-"));
    db = `file:${join(home, "advisories.db")}`;
    ref = `oci:${images!.ociDir}:base`;
    const zip = join(home, "Debian-all.zip");
    const record = testRecord();
    writeFileSync(zip, zipSync({ [`${record.id}.json`]: new TextEncoder().encode(JSON.stringify(record)) }));
    const imported = await runRegscan(["db", "import", "--db", db, zip], home);
    expect(imported).toMatchObject({ code: 0, stdout: `${zip}: 1 records\n` });
  }, 120_000);
  afterAll(async () => {
    await rm(home, { recursive: true, force: true });
  });

  it("reports the finding as CRITICAL with its 9.8 score in JSON and in the table", async () => {
    const json = await scan(["--format", "json"]);
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout);
    expect(report.vulnerabilities).toEqual([
      expect.objectContaining({
        packageName: "zlib1g",
        severity: "CRITICAL",
        cvss: { version: "3.1", vector: VECTOR, score: 9.8 },
      }),
    ]);
    expect(report.summary).toEqual({ critical: 1, high: 0, medium: 0, low: 0, unknown: 0 });

    const table = await scan([]);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain("(CRITICAL: 1, HIGH: 0, MEDIUM: 0, LOW: 0, UNKNOWN: 0)");
    expect(table.stdout).toMatch(/^ {2}CRITICAL +CVE-2023-38545 /m);
  }, 120_000);

  it.each([
    { severity: "CRITICAL,HIGH", code: 1 },
    { severity: "CRITICAL", code: 1 },
    { severity: "HIGH,MEDIUM,LOW,UNKNOWN", code: 0 },
  ])(
    "--severity $severity --exit-code 1 exits $code",
    async ({ severity, code }) => {
      const run = await scan(["--severity", severity, "--exit-code", "1"]);
      expect(run.code).toBe(code);
      if (code === 1) expect(run.stderr).toContain("regscan: 1 vulnerability found");
      else expect(run.stdout).toContain("No vulnerabilities found.");
    },
    120_000,
  );
});
