/**
 * The built CLI (child process) on images it cannot fully inventory: a warning per reason on
 * stderr, `incomplete` and `incompleteReasons` in the JSON, then exit 3 `inventory_incomplete`
 * after the report, findings or not, unless `--allow-incomplete`. And a legal status file of
 * 130,000 packages is inventoried in full.
 */

import { readFileSync } from "node:fs";
import { copyFile, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixtureDir } from "../catalogers/test-support/fixture-view.js";
import { largeDpkgStatus } from "../catalogers/test-support/large-dpkg-status.js";
import { writeOciLayout } from "./test-support/oci-layout.js";
import { runRegscan } from "./test-support/run-regscan.js";

const fixture = (name: string, path: string) => readFileSync(join(fixtureDir(name), path));
const OS_RELEASE = { "etc/os-release": fixture("os-debian-12", "etc/os-release") };
const REASON = {
  code: "parse_error",
  message: "no dpkg package entries found in a non-empty file",
  path: "/var/lib/dpkg/status",
};
const WARNING = `regscan: warning: incomplete inventory: ${REASON.message} (${REASON.path}) [${REASON.code}]\n`;
const FAILURE = /\nregscan: The image's inventory is incomplete, .*--allow-incomplete.* \[inventory_incomplete\]\n$/;

describe("regscan on an image whose package database is corrupt", () => {
  let home = "";
  let corrupt = "";
  let large = "";
  let mixed = "";
  let db = "";
  const regscan = (args: string[]) => runRegscan(args, home);

  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), "regscan-incomplete-"));
    // Layer 1: a real Debian status; layer 2 overwrites it with unrelated binary bytes.
    await writeOciLayout(join(home, "corrupt"), "t", [
      { ...OS_RELEASE, "var/lib/dpkg/status": fixture("dpkg-debian", "var/lib/dpkg/status") },
      { "var/lib/dpkg/status": fixture("dpkg-corrupt", "var/lib/dpkg/status") },
    ]);
    corrupt = `oci:${join(home, "corrupt")}:t`;
    // Real dpkg packages next to an rpm database regscan cannot read (Berkeley DB).
    await writeOciLayout(join(home, "mixed"), "t", [
      {
        ...OS_RELEASE,
        "var/lib/dpkg/status": fixture("dpkg-debian", "var/lib/dpkg/status"),
        "var/lib/rpm/Packages": fixture("rpm-bdb", "var/lib/rpm/Packages"),
      },
    ]);
    mixed = `oci:${join(home, "mixed")}:t`;
    await writeOciLayout(join(home, "large"), "t", [
      { ...OS_RELEASE, "var/lib/dpkg/status": largeDpkgStatus(130_000) },
    ]);
    large = `oci:${join(home, "large")}:t`;
    db = `file:${join(home, "advisories.db")}`;
    // A Debian advisory for a package these images do not have (real-format, see the fixture README).
    const osv = join(home, "osv");
    await mkdir(osv);
    await copyFile(join(fixtureDir("dpkg-debian"), "../../osv/DEBIAN-CVE-2023-38545.json"), join(osv, "a.json"));
    // And one made for this test that the fixture's zlib1g (source zlib) matches.
    const zlib = {
      id: "TEST-DEBIAN-ZLIB-1",
      modified: "2024-01-01T00:00:00Z",
      summary: "zlib test advisory",
      affected: [
        {
          package: { ecosystem: "Debian:12", name: "zlib" },
          ranges: [{ type: "ECOSYSTEM", events: [{ introduced: "0" }] }],
        },
      ],
    };
    await writeFile(join(osv, "b.json"), JSON.stringify(zlib));
    const imported = await regscan(["db", "import", "--db", db, osv]);
    expect(imported.code).toBe(0);
  }, 120_000);
  afterAll(async () => {
    await rm(home, { recursive: true, force: true });
  });

  it("sbom writes the JSON saying why it is incomplete, warns, then exits 3", async () => {
    const run = await regscan(["sbom", "-q", "--format", "json", corrupt]);
    expect(run.code).toBe(3);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({ incomplete: true, incompleteReasons: [REASON], packages: [] });
    expect(report.notices).toEqual([{ ...REASON, incomplete: true }]);
    expect(run.stderr.startsWith(WARNING)).toBe(true);
    expect(run.stderr).toMatch(FAILURE);
  }, 120_000);

  it("sbom --allow-incomplete exits 0 and still warns", async () => {
    const run = await regscan(["sbom", "-q", "--format", "json", "--allow-incomplete", corrupt]);
    expect(run).toMatchObject({ code: 0, stderr: WARNING });
    expect(JSON.parse(run.stdout)).toMatchObject({ incomplete: true, incompleteReasons: [REASON] });
  }, 120_000);

  it("sbom in CycloneDX says so in a metadata property and a composition", async () => {
    const run = await regscan(["sbom", "-q", corrupt]);
    expect(run.code).toBe(3);
    const bom = JSON.parse(run.stdout);
    expect(bom.metadata.properties).toContainEqual({ name: "regscan:inventory:incomplete", value: "true" });
    expect(bom.compositions).toEqual([{ aggregate: "incomplete", assemblies: ["image"] }]);
  }, 120_000);

  it.each([
    { args: ["--exit-code", "5"], code: 3 },
    { args: [], code: 3 },
    { args: ["--exit-code", "5", "--allow-incomplete"], code: 0 },
  ])(
    "scan --format json $args with no findings exits $code",
    async ({ args, code }) => {
      const run = await regscan(["scan", "-q", "--db", db, "--format", "json", ...args, corrupt]);
      expect(run.code).toBe(code);
      const report = JSON.parse(run.stdout);
      expect(report).toMatchObject({ incomplete: true, incompleteReasons: [REASON], vulnerabilities: [] });
      expect(run.stderr.startsWith(WARNING)).toBe(true);
      if (code === 3) expect(run.stderr).toMatch(FAILURE);
      else expect(run.stderr).toBe(WARNING);
    },
    120_000,
  );

  it.each([
    { args: ["--exit-code", "5"], code: 3 },
    { args: ["--exit-code", "5", "--allow-incomplete"], code: 5 },
  ])(
    "scan $args with findings on an incomplete inventory exits $code",
    async ({ args, code }) => {
      const run = await regscan(["scan", "-q", "--db", db, "--format", "json", ...args, mixed]);
      expect(run.code).toBe(code);
      const report = JSON.parse(run.stdout);
      expect(report.incompleteReasons).toEqual([
        expect.objectContaining({ code: "rpmdb_unsupported", path: "/var/lib/rpm/Packages" }),
      ]);
      expect(report.packages).toHaveLength(8);
      expect(report.vulnerabilities.map((v: { packageName: string }) => v.packageName)).toEqual(["zlib1g"]);
      expect(run.stderr).toMatch(/^regscan: warning: incomplete inventory: rpm Berkeley DB database is not supported/);
      expect(run.stderr).toMatch(code === 3 ? FAILURE : /\nregscan: 1 vulnerability found\n$/);
    },
    120_000,
  );

  it("scan's table and SARIF say the inventory is incomplete", async () => {
    const table = await regscan(["scan", "-q", "--db", db, "--allow-incomplete", corrupt]);
    expect(table.stdout).toContain(
      `INCOMPLETE inventory: packages and their vulnerabilities may be missing, because:\n  - ${REASON.message} (${REASON.path}) [${REASON.code}]\n`,
    );
    expect(table.stdout).toMatch(/No vulnerabilities found in the packages inventoried\.\n$/);
    const sarif = await regscan(["scan", "-q", "--db", db, "--format", "sarif", corrupt]);
    expect(sarif.code).toBe(3);
    expect(JSON.parse(sarif.stdout).runs[0].invocations[0].toolExecutionNotifications).toEqual([
      expect.objectContaining({ level: "error", descriptor: { id: REASON.code } }),
    ]);
  }, 120_000);

  it("sbom lists all 130,000 packages of a 31 MB dpkg status, complete", async () => {
    const run = await regscan(["sbom", "-q", "--format", "json", large]);
    expect(run).toMatchObject({ code: 0, stderr: "" });
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({ incomplete: false, incompleteReasons: [], notices: [] });
    expect(report.packages).toHaveLength(130_000);
    expect(report.packages.filter((p: { type: string }) => p.type === "deb")).toHaveLength(130_000);
  }, 120_000);
});
