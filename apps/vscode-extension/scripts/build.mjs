// Bundles the extension into dist/extension.js (esbuild, CommonJS for the extension host; `vscode`
// is provided by the host). With --tests, also bundles the integration suite into out/test/.
// The bundle must not contain server code: src/bundle.test.ts checks what goes in.
import { readdirSync, rmSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = fileURLToPath(new URL("..", import.meta.url));
const production = process.argv.includes("--production");

/** The extension bundle's esbuild options (shared with the bundle check). */
export const extensionBuild = {
  absWorkingDir: root,
  entryPoints: ["src/extension.ts"],
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  external: ["vscode"],
  logLevel: "warning",
};

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  rmSync(resolve(root, "dist"), { recursive: true, force: true });
  await build({ ...extensionBuild, outfile: "dist/extension.js", minify: production, sourcemap: !production });
  if (process.argv.includes("--tests")) {
    rmSync(resolve(root, "out"), { recursive: true, force: true });
    const suite = readdirSync(resolve(root, "test/suite")).filter((f) => f.endsWith(".ts"));
    await build({
      absWorkingDir: root,
      entryPoints: suite.map((f) => `test/suite/${f}`),
      outdir: "out/test/suite",
      bundle: true,
      platform: "node",
      format: "cjs",
      target: "node20",
      // mocha is loaded from node_modules at run time (its runner requires the test files itself).
      external: ["vscode", "mocha"],
      sourcemap: true,
      logLevel: "warning",
    });
  }
}
