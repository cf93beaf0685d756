import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeOciLayout } from "./test-support/oci-layout.js";

/**
 * End to end, as users run it: the bundled CLI (esbuild, built into a temp folder) as a child
 * process scans an OCI layout built here whose one layer holds the real Go binary and WAR
 * fixtures, against real Go and Maven OSV records imported with `regscan db import`.
 */
const run = promisify(execFile);
const PKG = fileURLToPath(new URL("../..", import.meta.url));
const FIXTURES = join(PKG, "test/fixtures");
describe("regscan (bundled) on an image with a Go binary and a Java archive", () => {
  let tmp = "";
  let bundle = "";
  let ref = "";
  const regscan = (args: string[]) =>
    run(process.execPath, [bundle, ...args], {
      env: { PATH: process.env.PATH ?? "", HOME: tmp, REGSCAN_CACHE_DIR: join(tmp, "cache") },
      timeout: 60_000,
    }).catch((e: { code: number; stdout: string; stderr: string }) => e);

  beforeAll(async () => {
    tmp = await mkdtemp(join(tmpdir(), "regscan-go-java-"));
    // The bundle keeps @libsql and CycloneDX external: give it the package's node_modules.
    await mkdir(join(tmp, "pkg"));
    await symlink(join(PKG, "node_modules"), join(tmp, "pkg", "node_modules"));
    await run(process.execPath, [join(PKG, "bin", "build-cli.mjs"), join(tmp, "pkg", "dist")], { cwd: PKG });
    bundle = join(tmp, "pkg", "dist", "regscan.mjs");
    const fixture = (p: string) => readFile(join(FIXTURES, "catalogers", p)).then((b) => new Uint8Array(b));
    await writeOciLayout(join(tmp, "layout"), "app", [
      {
        "usr/local/bin/gofixture": { data: await fixture("go-binaries/usr/local/bin/gofixture-static"), mode: 0o755 },
        "opt/app/app.war": await fixture("java-archives/opt/app/app.war"),
      },
    ]);
    ref = `oci:${join(tmp, "layout")}:app`;
  }, 120_000);
  afterAll(async () => {
    await rm(tmp, { recursive: true, force: true });
  });

  it("inventories Go modules and nested Maven packages (sbom, CycloneDX)", async () => {
    const { stdout } = await regscan(["sbom", "-q", ref]);
    const purls = JSON.parse(stdout).components.map((c: { purl: string }) => c.purl);
    expect(purls).toEqual(
      expect.arrayContaining([
        "pkg:golang/stdlib@go1.19.8",
        "pkg:golang/golang.org/x/net@v0.7.0",
        "pkg:golang/golang.org/x/text@v0.7.0",
        "pkg:maven/org.apache.logging.log4j/log4j-core@2.19.0",
        "pkg:maven/com.example/fixture-app@1.0.0",
      ]),
    );
  }, 60_000);

  it("warns that Go and Maven advisories are missing from an empty-for-them database", async () => {
    const db = `file:${join(tmp, "debian-only.db")}`;
    await mkdir(join(tmp, "debian-only"));
    await writeFile(
      join(tmp, "debian-only", "DSA-3029-1.json"),
      await readFile(join(FIXTURES, "osv", "DSA-3029-1.json")),
    );
    expect((await regscan(["db", "import", "--db", db, join(tmp, "debian-only")])).stdout).toMatch(/1 records/);
    const scan = await regscan(["scan", "-q", "--db", db, "--format", "json", ref]);
    // 5 Go packages, but pkg/errors is built from a directory ((devel)) and never looked up.
    expect(scan.stderr).toMatch(/no Go advisories in the database, so 4 Go packages were not checked/);
    expect(scan.stderr).toMatch(/no Maven advisories in the database, so 3 Maven packages were not checked/);
  }, 60_000);

  it("finds the Go and Maven advisories, honouring the binary's => replacement", async () => {
    const db = `file:${join(tmp, "advisories.db")}`;
    const imported = await regscan(["db", "import", "--db", db, join(FIXTURES, "osv-go-maven")]);
    expect(imported.stdout).toMatch(/4 records/);
    const scan = await regscan(["scan", "-q", "--db", db, "--format", "json", ref]);
    const report = JSON.parse(scan.stdout);
    const found = report.vulnerabilities.map(
      (v: { id: string; packageName: string; packageVersion: string; fixedVersion: string; type: string }) =>
        `${v.type} ${v.packageName}@${v.packageVersion} ${v.id} fixed ${v.fixedVersion}`,
    );
    // x/text is required at v0.3.7 (affected by GO-2022-1059) but replaced by v0.7.0: not reported.
    expect(found).toEqual([
      "golang golang.org/x/net@v0.7.0 CVE-2023-3978 fixed 0.13.0",
      "maven org.apache.logging.log4j:log4j-core@2.19.0 CVE-2026-34480 fixed 2.25.4",
      "golang stdlib@go1.19.8 CVE-2023-24539 fixed 1.19.9",
    ]);
    const log4j = report.packages.find((p: { name: string }) => p.name === "org.apache.logging.log4j:log4j-core");
    expect(log4j).toMatchObject({ ecosystem: "Maven", path: "/opt/app/app.war:WEB-INF/lib/log4j-core.jar" });
    expect(scan.stderr).not.toMatch(/advisories in the database/);

    const table = (await regscan(["scan", "-q", "--db", db, ref])).stdout;
    expect(table).toMatch(/org\.apache\.logging\.log4j:log4j-core.* 2\.19\.0 \(maven\)/);
    expect(table).toMatch(/stdlib.* go1\.19\.8 \(golang\)/);
    const vex = JSON.parse((await regscan(["scan", "-q", "--db", db, "--format", "cyclonedx", ref])).stdout);
    const affected = vex.vulnerabilities.flatMap((v: { affects: { ref: string }[] }) => v.affects.map((a) => a.ref));
    expect(affected).toEqual(
      expect.arrayContaining(["pkg:golang/stdlib@go1.19.8", "pkg:maven/org.apache.logging.log4j/log4j-core@2.19.0"]),
    );
    const sarif = JSON.parse((await regscan(["scan", "-q", "--db", db, "--format", "sarif", ref])).stdout);
    const rules = sarif.runs[0].tool.driver.rules.map((r: { id: string; name: string }) => `${r.id} ${r.name}`);
    expect(rules).toEqual(expect.arrayContaining(["CVE-2023-24539 LanguageSpecificPackageVulnerability"]));
  }, 60_000);
});
