import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SKIP_REASON, testImages, testRegistry } from "../../test/support/test-images.js";
import { layerFixture, sha256Of, type TestLayer } from "../walk/test-support/memory-image-source.js";
import { type FixtureRegistry, startFixtureRegistry } from "./test-support/fixture-registry.js";

const BIN = fileURLToPath(new URL("../../bin/regscan.js", import.meta.url));
const base: TestLayer = { blob: layerFixture("base.tar.gz"), tar: layerFixture("base.tar") };
const upper: TestLayer = {
  blob: layerFixture("upper-whiteouts.tar"),
  mediaType: "application/vnd.oci.image.layer.v1.tar",
};
const corrupt: TestLayer = { blob: layerFixture("truncated.tar.gz"), diffId: `sha256:${"1".repeat(64)}` };

let tmp = "";
interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real bin as a child process (async: the fixture registry lives in this process). */
function regscan(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      {
        env: { PATH: process.env.PATH ?? "", HOME: tmp, REGSCAN_CACHE_DIR: join(tmp, "cache"), ...env },
        timeout: 60_000,
      },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), "regscan-cli-"));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe("regscan usage", () => {
  it.each([
    ["--help", ["--help"], 0, /Commands:[\s\S]*sbom/],
    ["sbom --help", ["sbom", "--help"], 0, /--format <format>[\s\S]*--no-cache/],
    ["--version", ["--version"], 0, /^\d+\.\d+\.\d+/],
    ["an unknown command", ["nope"], 2, /unknown command/],
    ["an unknown option", ["sbom", "x", "--bogus"], 2, /unknown option/],
    ["a missing reference", ["sbom"], 2, /missing required argument/],
    ["a bad format", ["sbom", "x", "--format", "xml"], 2, /Allowed choices/],
    ["malformed --creds", ["sbom", "127.0.0.1:1/a/b:c", "--creds", "nopassword"], 2, /--creds must be user:password/],
    ["an unreachable registry", ["sbom", "--insecure", "127.0.0.1:1/a/b:c"], 3, /regscan: .*\[upstream_unavailable\]/],
  ])(
    "%s",
    async (_name, args, code, output) => {
      const run = await regscan(args);
      expect(run.code).toBe(code);
      expect(run.stdout + run.stderr).toMatch(output);
    },
    60_000,
  );
});

describe("regscan sbom against a registry", () => {
  let registry: FixtureRegistry;
  let broken: FixtureRegistry;
  beforeAll(async () => {
    registry = await startFixtureRegistry([base, upper]);
    broken = await startFixtureRegistry([base, corrupt]);
  });
  afterAll(async () => {
    await registry.close();
    await broken.close();
  });

  it("prints the regscan JSON inventory, then serves a rescan from the layer cache", async () => {
    const ref = `${registry.host}/test/image:latest`;
    const run = await regscan(["sbom", "--insecure", "--format", "json", ref]);
    expect(run).toMatchObject({ code: 0, stderr: "" });
    const baseDiffId = sha256Of(base.tar!);
    const report = JSON.parse(run.stdout);
    expect(Object.keys(report)).toEqual([
      "schemaVersion",
      "artifact",
      "incomplete",
      "incompleteReasons",
      "packages",
      "notices",
    ]);
    expect(report).toMatchObject({ incomplete: false, incompleteReasons: [] });
    expect(report.artifact).toEqual({
      ref,
      digest: registry.manifestDigest,
      os: { family: "debian", version: "12" },
      layers: [
        { digest: sha256Of(base.blob), diffId: baseDiffId, size: base.blob.length },
        { digest: sha256Of(upper.blob), diffId: sha256Of(upper.blob), size: upper.blob.length },
      ],
    });
    expect(report.packages.map((p: { name: string }) => p.name)).toEqual(["base-files", "zlib1g"]);
    expect(report.packages[1]).toEqual({
      name: "zlib1g",
      version: expect.stringMatching(/^1:1\.2\.13/),
      type: "deb",
      ecosystem: "Debian:12",
      purl: expect.stringMatching(/^pkg:deb\/debian\/zlib1g@1:1\.2\.13.*distro=debian-12/),
      source: { name: "zlib", version: expect.any(String) },
      layer: baseDiffId,
      path: "/var/lib/dpkg/status",
    });
    expect(registry.blobRequests).toHaveLength(2);

    const output = join(tmp, "sbom.json");
    const again = await regscan(["sbom", "--insecure", "--format", "json", "--output", output, ref]);
    expect(again).toMatchObject({ code: 0, stdout: "", stderr: "" });
    expect(JSON.parse(await readFile(output, "utf8"))).toEqual(report);
    expect(registry.blobRequests).toHaveLength(2);

    await regscan(["sbom", "--insecure", "--format", "json", "--no-cache", ref]);
    expect(registry.blobRequests).toHaveLength(4);
  }, 60_000);

  it("writes CycloneDX 1.6 by default", async () => {
    const run = await regscan(["sbom", "--insecure", `${registry.host}/test/image:latest`]);
    expect(run.code).toBe(0);
    const bom = JSON.parse(run.stdout);
    expect(bom).toMatchObject({ bomFormat: "CycloneDX", specVersion: "1.6" });
    const purls = bom.components.map((c: { purl?: string }) => c.purl);
    expect(purls).toContainEqual(expect.stringMatching(/^pkg:deb\/debian\/base-files@/));
  }, 60_000);

  it("exits 3 naming the corrupt layer", async () => {
    const run = await regscan(["sbom", "--insecure", "-q", "--format", "json", `${broken.host}/test/image:latest`]);
    expect(run.code).toBe(3);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain(sha256Of(corrupt.blob));
    expect(run.stderr).toMatch(/\[scan_failed\]\n$/);
  }, 60_000);
});

const images = testImages();
const realRegistry = testRegistry();

describe.skipIf(!images || !realRegistry)(
  `regscan sbom against the real test registry ${images && realRegistry ? "" : SKIP_REASON}`,
  () => {
    it.each([
      [
        "credentials from the environment",
        (r: NonNullable<typeof realRegistry>) => ({
          args: [],
          // Environment credentials go only to Scaleway and the hosts listed (the test registry's).
          env: {
            REGSCAN_REGISTRY_USERNAME: r.username,
            REGSCAN_REGISTRY_PASSWORD: r.password,
            REGSCAN_REGISTRY_HOSTS: r.host,
          },
        }),
      ],
      [
        "--creds",
        (r: NonNullable<typeof realRegistry>) => ({ args: ["--creds", `${r.username}:${r.password}`], env: {} }),
      ],
    ])(
      "lists the base image's dpkg packages with %s",
      async (_name, how) => {
        const { args, env } = how(realRegistry!);
        const run = await regscan(
          ["sbom", "--insecure", "--no-cache", "-f", "json", ...args, `${realRegistry!.host}/regscan/base:latest`],
          env,
        );
        expect(run.code).toBe(0);
        const names = JSON.parse(run.stdout).packages.map(
          (p: { name: string; version: string }) => `${p.name}\t${p.version}`,
        );
        expect(names.sort()).toEqual(
          images!
            .expectedRows("base.dpkg.tsv")
            .map((r) => `${r[0]}\t${r[1]}`)
            .sort(),
        );
      },
      60_000,
    );

    it.each([
      ["linux/arm64", "arm64.dpkg.tsv"],
      ["linux/amd64", "base.dpkg.tsv"],
    ])(
      "picks --platform %s from a multi-platform index",
      async (platform, expected) => {
        const r = realRegistry!;
        const run = await regscan(
          ["sbom", "--insecure", "--no-cache", "-f", "json", "--platform", platform, `${r.host}/regscan/multi:latest`],
          {
            REGSCAN_REGISTRY_USERNAME: r.username,
            REGSCAN_REGISTRY_PASSWORD: r.password,
            REGSCAN_REGISTRY_HOSTS: r.host,
          },
        );
        expect(run.code).toBe(0);
        const rows = JSON.parse(run.stdout).packages.map(
          (p: { name: string; version: string }) => `${p.name}\t${p.version}`,
        );
        expect(rows.sort()).toEqual(
          images!
            .expectedRows(expected)
            .map((row) => `${row[0]}\t${row[1]}`)
            .sort(),
        );
      },
      60_000,
    );

    it("exits 3 without leaking the password when the credentials are wrong", async () => {
      const run = await regscan([
        "sbom",
        "--insecure",
        "--creds",
        "nologin:wrong-secret-value",
        `${realRegistry!.host}/regscan/base:latest`,
      ]);
      expect(run.code).toBe(3);
      expect(run.stderr).toMatch(/^regscan: .*\[\w+\]\n$/);
      expect(run.stderr + run.stdout).not.toContain("wrong-secret-value");
    }, 60_000);
  },
);
