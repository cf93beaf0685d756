// The Node API as one JavaScript file: esbuild bundles src/node.ts (and the workspace packages it
// imports) into dist/regscan-api.mjs. `pnpm start` (bin/start.mjs) runs that bundle, rebuilding it
// first when any file it was built from is newer. Run directly (`pnpm --filter @regscan/api build`)
// to build now.
import { readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const APP = fileURLToPath(new URL("..", import.meta.url));
const ROOT = resolve(APP, "../..");
export const BUNDLE = resolve(APP, "dist/regscan-api.mjs");
const INPUTS = resolve(APP, "dist/regscan-api.inputs.json");
/** Files that change what the bundle should hold without being part of it. */
const ALSO = [fileURLToPath(import.meta.url), resolve(APP, "package.json"), resolve(ROOT, "pnpm-lock.yaml")];

/** True when the bundle exists and was built after the last change to every file it was built from. */
export function bundleIsFresh() {
  let record;
  try {
    statSync(BUNDLE);
    record = JSON.parse(readFileSync(INPUTS, "utf8"));
  } catch (e) {
    if (e.code === "ENOENT" || e instanceof SyntaxError) return false; // never built, or half-written
    throw e;
  }
  for (const file of [...record.inputs, ...ALSO]) {
    try {
      if (statSync(file).mtimeMs > record.builtFrom) return false;
    } catch (e) {
      if (e.code === "ENOENT") return false; // an input moved: rebuild
      throw e;
    }
  }
  return true;
}

/** Writes `contents` to `path` atomically (a process starting meanwhile never reads half a file). */
function writeAtomically(path, contents) {
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, contents);
  renameSync(temp, path);
}

/** Bundles the API now. Safe when several processes build at once: each file is replaced whole. */
export async function buildBundle() {
  const { build } = await import("esbuild");
  const builtFrom = Date.now();
  const result = await build({
    absWorkingDir: APP,
    entryPoints: ["src/node.ts"],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    write: false,
    outfile: BUNDLE,
    metafile: true,
    // The native libSQL binding stays in node_modules, and so does the CycloneDX library (CommonJS
    // that locates its resources with __dirname and loads optional plug-ins lazily).
    external: ["@libsql/*", "libsql", "@cyclonedx/cyclonedx-library"],
    // CommonJS dependencies require() Node built-ins.
    banner: {
      js: "import { createRequire as __regscanRequire } from 'node:module'; const require = __regscanRequire(import.meta.url);",
    },
    logLevel: "warning",
  });
  await mkdir(resolve(APP, "dist"), { recursive: true });
  const [output] = result.outputFiles;
  if (!output) throw new Error("esbuild produced no output");
  writeAtomically(BUNDLE, output.contents);
  const inputs = Object.keys(result.metafile.inputs).map((file) => resolve(APP, file));
  writeAtomically(INPUTS, JSON.stringify({ builtFrom, inputs }));
}

/** Builds the bundle unless it is fresh. */
export async function ensureBundle() {
  if (!bundleIsFresh()) await buildBundle();
}

if (process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url) {
  rmSync(resolve(APP, "dist"), { recursive: true, force: true });
  await buildBundle();
}
