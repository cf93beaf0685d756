import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OsvRecord } from "../../advisories/osv-record.js";
import { layerFixture, type TestLayer } from "../../walk/test-support/memory-image-source.js";
import { openAdvisoryStore } from "../advisory-database.js";
import { runCli } from "../run-cli.js";
import { type FixtureRegistry, startFixtureRegistry } from "../test-support/fixture-registry.js";
import { recordingIo } from "./cli-test-io.test-support.js";
import { FindingsFound, parseExitCode, parseSeverities, scanCommand } from "./scan.js";

// A record made for this test (the base layer's zlib1g 1:1.2.13.dfsg-1 comes from source zlib).
const RECORD: OsvRecord = {
  id: "TEST-DEBIAN-ZLIB-1",
  modified: "2024-01-01T00:00:00Z",
  upstream: ["CVE-2099-0001"],
  summary: "zlib test advisory",
  affected: [
    {
      package: { ecosystem: "Debian:12", name: "zlib" },
      ranges: [{ type: "ECOSYSTEM", events: [{ introduced: "0" }] }],
      ecosystem_specific: { urgency: "low" },
    },
  ],
};

describe("regscan scan", () => {
  let tmp: string;
  let registry: FixtureRegistry;
  let ref: string;
  let db: string;
  const env = () => ({ REGSCAN_CACHE_DIR: join(tmp, "cache") });
  const scan = async (args: string[], environment: Record<string, string> = env()) => {
    const io = recordingIo(environment);
    const code = await runCli(["scan", "--insecure", "--db", db, ...args, ref], io);
    return { code, out: io.out(), err: io.err() };
  };
  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), "regscan-scan-"));
    const base: TestLayer = { blob: layerFixture("base.tar.gz"), tar: layerFixture("base.tar") };
    registry = await startFixtureRegistry([base]);
    ref = `${registry.host}/test/image:latest`;
    db = `file:${join(tmp, "advisories.db")}`;
    const store = await openAdvisoryStore(db, {});
    await store.upsert([RECORD]);
    store.close();
  });
  afterAll(async () => {
    await registry.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it("reports the JSON document with vulnerabilities and a summary", async () => {
    const run = await scan(["--format", "json"]);
    expect(run).toMatchObject({ code: 0, err: "" });
    const report = JSON.parse(run.out);
    const zlib = report.packages.find((p: { name: string }) => p.name === "zlib1g");
    expect(report.vulnerabilities).toEqual([
      {
        id: "CVE-2099-0001",
        aliases: ["TEST-DEBIAN-ZLIB-1"],
        packageName: "zlib1g",
        packageVersion: zlib.version,
        type: "deb",
        ecosystem: "Debian:12",
        purl: zlib.purl,
        source: zlib.source,
        fixedVersion: null,
        severity: "LOW",
        summary: "zlib test advisory",
        layer: zlib.layer,
      },
    ]);
    expect(report.summary).toEqual({ critical: 0, high: 0, medium: 0, low: 1, unknown: 0 });
  }, 60_000);

  it.each([
    { name: "--ignore-unfixed", args: ["--ignore-unfixed"], count: 0 },
    { name: "--severity HIGH,CRITICAL", args: ["--severity", "HIGH,CRITICAL"], count: 0 },
    { name: "--severity low", args: ["--severity", "low"], count: 1 },
  ])(
    "filters with $name",
    async ({ args, count }) => {
      const run = await scan(["--format", "json", ...args]);
      expect(run.code).toBe(0);
      expect(JSON.parse(run.out).vulnerabilities).toHaveLength(count);
    },
    60_000,
  );

  it.each([
    { name: "a rule in force (by alias)", expires: "2999-01-01", count: 0, err: /1 findings ignored/ },
    { name: "an expired rule", expires: "2000-01-01", count: 1, err: /expired on 2000-01-01/ },
  ])(
    "applies the ignore file: $name",
    async ({ expires, count, err }) => {
      const file = join(tmp, `ignore-${expires}.yaml`);
      writeFileSync(file, `- id: TEST-DEBIAN-ZLIB-1\n  reason: test\n  expires: ${expires}\n`);
      const run = await scan(["--format", "json", "--ignore-file", file]);
      expect(JSON.parse(run.out).vulnerabilities).toHaveLength(count);
      expect(run.err).toMatch(err);
    },
    60_000,
  );

  it.each([
    { format: "table", check: (out: string) => expect(out).toMatch(/zlib1g 1:1\.2\.13.* \(deb, source zlib /) },
    {
      format: "sarif",
      check: (out: string) => expect(JSON.parse(out).runs[0].results[0].ruleId).toBe("CVE-2099-0001"),
    },
    {
      format: "cyclonedx",
      check: (out: string) => expect(JSON.parse(out).vulnerabilities[0].id).toBe("CVE-2099-0001"),
    },
  ])(
    "writes --format $format to --output",
    async ({ format, check }) => {
      const output = join(tmp, `report.${format}`);
      const run = await scan(["--format", format, "--output", output]);
      expect(run).toMatchObject({ code: 0, out: "" });
      check((await import("node:fs")).readFileSync(output, "utf8"));
    },
    60_000,
  );

  it("warns about package ecosystems that have no advisories in the database", async () => {
    const other = `file:${join(tmp, "npm-only.db")}`;
    const store = await openAdvisoryStore(other, {});
    await store.upsert([
      {
        ...RECORD,
        id: "TEST-NPM-1",
        affected: [{ package: { ecosystem: "npm", name: "left-pad" }, versions: ["1.0.0"] }],
      },
    ]);
    store.close();
    const io = recordingIo(env());
    const code = await runCli(["scan", "--insecure", "--format", "json", "--db", other, ref], io);
    expect(code).toBe(0);
    expect(io.err()).toMatch(
      /no Debian advisories in the database, so \d+ Debian packages were not checked; run `regscan db update --ecosystem "Debian"`/,
    );
    expect(JSON.parse(io.out()).vulnerabilities).toEqual([]);
  }, 60_000);

  it("warns when the advisory database is empty", async () => {
    const io = recordingIo(env());
    const code = await runCli(
      ["scan", "--insecure", "--format", "json", "--db", `file:${join(tmp, "empty.db")}`, ref],
      io,
    );
    expect(code).toBe(0);
    expect(io.err()).toMatch(/advisory database is empty; run `regscan db update`/);
  }, 60_000);

  it.each([
    { name: "findings remain", args: ["--exit-code", "5"], code: 5 },
    { name: "every finding is filtered out", args: ["--exit-code", "5", "--ignore-unfixed"], code: 0 },
    { name: "--exit-code is not given", args: [], code: 0 },
  ])(
    "the CLI exits $code when $name",
    async ({ args, code }) => {
      const run = await scan(["--format", "json", ...args]);
      expect(run.code).toBe(code);
      if (code !== 0) expect(run.err).toContain("1 vulnerability found");
    },
    60_000,
  );

  it("asks for exit code N when findings remain", async () => {
    const io = recordingIo(env());
    const command = scanCommand.create(io).exitOverride();
    await expect(
      command.parseAsync(["--insecure", "--db", db, "--exit-code", "5", "-f", "json", ref], { from: "user" }),
    ).rejects.toEqual(expect.objectContaining({ name: "FindingsFound", exitCode: 5 }));
    const quiet = scanCommand.create(recordingIo(env())).exitOverride();
    await quiet.parseAsync(["--insecure", "--db", db, "--exit-code", "5", "--ignore-unfixed", ref], { from: "user" });
    expect(new FindingsFound(4, 2).message).toBe("2 vulnerabilities found");
  }, 60_000);

  it.each([
    { args: ["--severity", "SEVERE"], err: /unknown severity "SEVERE"/ },
    { args: ["--exit-code", "-1"], err: /--exit-code must be an integer/ },
    { args: ["--format", "xml"], err: /Allowed choices/ },
    { args: ["--ignore-file", "/nonexistent/ignore.yaml"], err: /Cannot read the ignore file/ },
  ])("exits 2 on $args", async ({ args, err }) => {
    const run = await scan(args);
    expect(run.code).toBe(2);
    expect(run.err).toMatch(err);
  });

  it.each([
    ["critical, High", ["CRITICAL", "HIGH"]],
    ["UNKNOWN", ["UNKNOWN"]],
  ])("parseSeverities(%s)", (list, expected) => expect(parseSeverities(list)).toEqual(expected));
  it.each([
    ["0", 0],
    ["255", 255],
  ])("parseExitCode(%s)", (value, expected) => expect(parseExitCode(value)).toBe(expected));
});
