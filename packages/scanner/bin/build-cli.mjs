// Bundles the regscan CLI into dist/regscan.mjs (esbuild; dynamic imports become lazy chunks
// beside it, so a command loads heavy libraries only when it runs). The package ships this
// bundle (prepack); in the repository, bin/regscan.js rebuilds it when a source is newer
// (ensure-fresh-bundle.mjs) and runs it. Run: pnpm --filter @regscan/scanner build [OUTDIR]

import { rmSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";

/** The package folder (esbuild's working directory: metafile paths are relative to it). */
export const packageRoot = fileURLToPath(new URL("..", import.meta.url));

/** esbuild options of the CLI bundle, written to `outdir` (relative to the package). */
export function cliBuildOptions(outdir) {
  return {
    absWorkingDir: packageRoot,
    entryPoints: ["src/cli/main.ts"],
    outdir,
    entryNames: "regscan",
    outExtension: { ".js": ".mjs" },
    splitting: true,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    // Native bindings stay in node_modules, and so does the CycloneDX library (CommonJS that
    // locates its resources with __dirname and loads optional plug-ins lazily).
    external: ["@libsql/*", "libsql", "@cyclonedx/cyclonedx-library"],
    // CommonJS dependencies (commander) require() Node built-ins.
    banner: {
      js: "import { createRequire as __regscanRequire } from 'node:module'; const require = __regscanRequire(import.meta.url);",
    },
    logLevel: "warning",
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const outdir = process.argv[2] ?? "dist";
  rmSync(resolve(packageRoot, outdir), { recursive: true, force: true }); // a clean folder to pack
  await build(cliBuildOptions(outdir));
}
