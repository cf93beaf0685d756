import { execFile } from "node:child_process";
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { layerFixture, type TestLayer } from "../walk/test-support/memory-image-source.js";
import { type FixtureRegistry, startFixtureRegistry } from "./test-support/fixture-registry.js";

const run = promisify(execFile);
const PKG = fileURLToPath(new URL("../..", import.meta.url));
const base: TestLayer = { blob: layerFixture("base.tar.gz"), tar: layerFixture("base.tar") };

/** pnpm as the test runner was started with (`npx pnpm test` puts no pnpm on PATH). */
function pnpm(args: string[], cwd: string) {
  const execPath = process.env.npm_execpath;
  return execPath && /\.c?js$/.test(execPath)
    ? run(process.execPath, [execPath, ...args], { cwd })
    : run("pnpm", args, { cwd });
}

/**
 * The package as `pnpm pack` ships it (package.json `files` + the `prepack` build), staged in a
 * temp folder so this test never rewrites the package's own dist/ under other running tests.
 */
async function packStaged(work: string): Promise<string> {
  const stage = join(work, "stage");
  await mkdir(join(stage, "bin"), { recursive: true });
  const manifest = JSON.parse(await readFile(join(PKG, "package.json"), "utf8"));
  await run(process.execPath, [join(PKG, "bin", "build-cli.mjs"), join(stage, "dist")], { cwd: PKG });
  for (const file of manifest.files.filter((f: string) => f !== "dist"))
    await copyFile(join(PKG, file), join(stage, file));
  delete manifest.scripts;
  delete manifest.devDependencies;
  await writeFile(join(stage, "package.json"), JSON.stringify(manifest, null, 2));
  await pnpm(["pack", "--pack-destination", work], stage);
  const tarball = (await readdir(work)).find((f) => f.endsWith(".tgz"));
  if (!tarball) throw new Error("pnpm pack wrote no tarball");
  return join(work, tarball);
}

describe("the regscan package, packed and installed on its own", () => {
  let registry: FixtureRegistry;
  let work = "";
  let bin = "";
  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), "regscan-installed-"));
    const tarball = await packStaged(work);
    const app = join(work, "app");
    await mkdir(app);
    await writeFile(join(app, "package.json"), JSON.stringify({ name: "consumer", private: true }));
    await pnpm(["add", "--prefer-offline", tarball], app);
    bin = join(app, "node_modules", ".bin", "regscan");
    registry = await startFixtureRegistry([base]);
  }, 180_000);
  afterAll(async () => {
    await registry?.close();
    await rm(work, { recursive: true, force: true });
  });

  const regscan = (args: string[]) =>
    run(bin, args, { env: { PATH: process.env.PATH ?? "", REGSCAN_CACHE_DIR: join(work, "cache") } });

  it("ships the bundle and the launcher, not the sources or fixtures", async () => {
    const installed = join(work, "app", "node_modules", "@regscan", "scanner");
    const entries = await readdir(installed);
    expect(entries).toEqual(expect.arrayContaining(["README.md", "bin", "dist", "package.json"]));
    expect(entries.filter((e) => !["README.md", "bin", "dist", "package.json", "node_modules"].includes(e))).toEqual(
      [],
    );
    expect(await readdir(join(installed, "bin"))).toEqual(["regscan.js"]);
  });

  it("lists every command in --help", async () => {
    const { stdout } = await regscan(["--help"]);
    for (const command of ["sbom", "scan", "db"]) expect(stdout).toContain(command);
  }, 60_000);

  it.each([
    ["json", (out: string) => expect(JSON.parse(out).packages).toHaveLength(3)],
    [
      "cyclonedx",
      (out: string) => expect(JSON.parse(out)).toMatchObject({ bomFormat: "CycloneDX", specVersion: "1.6" }),
    ],
  ])(
    "runs sbom --format %s against a registry",
    async (format, check) => {
      const { stdout } = await regscan([
        "sbom",
        "--insecure",
        "-q",
        "-f",
        format,
        `${registry.host}/test/image:latest`,
      ]);
      check(stdout);
    },
    60_000,
  );

  it("opens its libSQL advisory database", async () => {
    const { stdout } = await regscan(["db", "status", "--json", "--db", `file:${join(work, "advisories.db")}`]);
    expect(JSON.parse(stdout)).toEqual(expect.any(Array));
  }, 60_000);
});
