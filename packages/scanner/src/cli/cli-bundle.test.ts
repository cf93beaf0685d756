import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { layerFixture, type TestLayer } from "../walk/test-support/memory-image-source.js";
import { type FixtureRegistry, startFixtureRegistry } from "./test-support/fixture-registry.js";

const run = promisify(execFile);
const PKG = fileURLToPath(new URL("../..", import.meta.url));
// Inside the package, so the bundle's external imports resolve from its node_modules.
const OUT = join(PKG, "node_modules", ".cache", `regscan-bundle-test-${process.pid}`);
const base: TestLayer = { blob: layerFixture("base.tar.gz"), tar: layerFixture("base.tar") };

describe("the esbuild bundle of the CLI (what bin/regscan.js runs when built)", () => {
  let registry: FixtureRegistry;
  let cache = "";
  beforeAll(async () => {
    await run(process.execPath, [join(PKG, "bin", "build-cli.mjs"), OUT], { cwd: PKG });
    registry = await startFixtureRegistry([base]);
    cache = await mkdtemp(join(tmpdir(), "regscan-bundle-cache-"));
  }, 60_000);
  afterAll(async () => {
    await registry?.close();
    await rm(OUT, { recursive: true, force: true });
    await rm(cache, { recursive: true, force: true });
  });

  it.each([
    ["json", (out: string) => expect(JSON.parse(out).packages).toHaveLength(3)],
    ["cyclonedx", (out: string) => expect(JSON.parse(out)).toMatchObject({ bomFormat: "CycloneDX", specVersion: "1.6" })],
  ])("runs sbom --format %s", async (format, check) => {
    const ref = `${registry.host}/test/image:latest`;
    const { stdout } = await run(process.execPath, [join(OUT, "regscan.mjs"), "sbom", "--insecure", "-f", format, ref], {
      env: { PATH: process.env.PATH ?? "", REGSCAN_CACHE_DIR: cache },
    });
    check(stdout);
  }, 60_000);

  it("lists every command in --help", async () => {
    const { stdout } = await run(process.execPath, [join(OUT, "regscan.mjs"), "--help"]);
    expect(stdout).toMatch(/sbom \[options\] <ref>/);
  }, 60_000);
});
