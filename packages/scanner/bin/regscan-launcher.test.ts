import { execFile } from "node:child_process";
import { copyFile, mkdir, mkdtemp, readFile, rm, stat, symlink, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const BIN = fileURLToPath(new URL(".", import.meta.url));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * The launcher and build script, copied into a small workspace: a package whose CLI entry imports
 * a second workspace package, with a lockfile at the root (esbuild from this package's modules).
 */
describe("bin/regscan.js in a workspace", () => {
  let root = "";
  let pkg = "";
  const entry = () => join(pkg, "dist", "regscan.mjs");
  const builtAt = async () => (await stat(entry())).mtimeMs;
  const write = (path: string, text: string) => writeFile(join(root, path), text);
  const builds = async () => (await readFile(join(root, "builds.log"), "utf8")).split("\n").length - 1;
  const run = (dir = pkg): Promise<Run> =>
    new Promise((resolve) =>
      execFile(
        process.execPath,
        [join(dir, "bin", "regscan.js"), "arg"],
        { timeout: 60_000 },
        (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      ),
    );

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), "regscan-launcher-"));
    pkg = join(root, "packages", "cli");
    await mkdir(join(pkg, "bin"), { recursive: true });
    await mkdir(join(pkg, "src", "cli"), { recursive: true });
    await mkdir(join(root, "packages", "lib", "src"), { recursive: true });
    for (const file of ["regscan.js", "ensure-fresh-bundle.mjs", "build-cli.mjs"])
      await copyFile(join(BIN, file), join(pkg, "bin", file));
    // Count builds: the build script is loaded only to build.
    const log =
      'import { appendFileSync } from "node:fs";\nappendFileSync(new URL("../../../builds.log", import.meta.url), "build\\n");\n';
    await writeFile(join(pkg, "bin", "build-cli.mjs"), log + (await readFile(join(BIN, "build-cli.mjs"), "utf8")));
    await symlink(join(BIN, "..", "node_modules"), join(pkg, "node_modules"));
    await write("pnpm-lock.yaml", "lockfileVersion: '9.0'\n");
    await write("packages/cli/package.json", JSON.stringify({ name: "cli", type: "module" }));
    await write("packages/lib/src/word.ts", 'export const word: string = "one";\n');
    await write(
      "packages/cli/src/cli/main.ts",
      'import { word } from "../../../lib/src/word.ts";\nconsole.log([word, ...process.argv.slice(2)].join(" "));\n',
    );
  }, 30_000);
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it("builds the bundle on first use and runs it in the same process with the arguments", async () => {
    expect(await run()).toEqual({ code: 0, stdout: "one arg\n", stderr: "" });
    expect(await readFile(entry(), "utf8")).toContain('"one"');
  }, 60_000);

  it("does not rebuild a fresh bundle", async () => {
    const before = await builtAt();
    expect((await run()).stdout).toBe("one arg\n");
    expect(await builtAt()).toBe(before);
    expect(await builds()).toBe(1);
  }, 60_000);

  it.each([
    [
      "a source of another workspace package changes",
      () => write("packages/lib/src/word.ts", 'export const word = "two";\n'),
    ],
    ["the lockfile changes", () => write("pnpm-lock.yaml", "lockfileVersion: '9.0'\n# changed\n")],
    ["a file is added beside a source", () => write("packages/cli/src/cli/new.ts", "export {};\n")],
    ["the bundle's entry is deleted", () => rm(entry())],
    ["the stamp is not one this launcher wrote", () => write("packages/cli/dist/.build-stamp.json", "{}")],
  ])(
    "rebuilds when %s",
    async (_name, change) => {
      const before = await builtAt().catch(() => 0);
      await change();
      const result = await run();
      expect(result.code).toBe(0);
      expect(await builtAt()).toBeGreaterThan(before);
    },
    60_000,
  );

  it("builds once and runs everywhere when several processes start on a stale bundle", async () => {
    await write("packages/lib/src/word.ts", 'export const word = "three";\n');
    const before = await builds();
    const runs = await Promise.all([run(), run(), run(), run()]);
    expect(runs).toEqual(Array(4).fill({ code: 0, stdout: "three arg\n", stderr: "" }));
    expect(await builds()).toBe(before + 1);
  }, 60_000);

  it("takes over a lock left by a build that was killed", async () => {
    await write("packages/cli/dist/.build.lock", `999999999 ${Date.now()}\n`);
    await write("packages/lib/src/word.ts", 'export const word = "four";\n');
    expect((await run()).stdout).toBe("four arg\n");
  }, 60_000);

  it("exits 1 naming the error, without running the old bundle, when the sources do not build", async () => {
    await write("packages/lib/src/word.ts", "export const word = ;\n");
    const result = await run();
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    await write("packages/lib/src/word.ts", 'export const word = "five";\n');
    expect(result.stderr).toMatch(
      /ERROR.*Unexpected[\s\S]*word\.ts:1:\d+[\s\S]*regscan: cannot build the CLI from its sources/,
    );
  }, 60_000);

  it("runs the bundle as it is where there are no sources (an installed package)", async () => {
    expect((await run()).stdout).toBe("five arg\n");
    const installed = join(root, "installed");
    await mkdir(join(installed, "bin"), { recursive: true });
    await mkdir(join(installed, "dist"));
    await copyFile(join(pkg, "bin", "regscan.js"), join(installed, "bin", "regscan.js"));
    await writeFile(join(installed, "package.json"), JSON.stringify({ type: "module" }));
    await writeFile(join(installed, "dist", "regscan.mjs"), 'console.log("shipped");\n');
    const old = new Date(2000, 0, 1);
    await utimes(join(installed, "dist", "regscan.mjs"), old, old);
    expect(await run(installed)).toEqual({ code: 0, stdout: "shipped\n", stderr: "" });
  }, 60_000);
});
