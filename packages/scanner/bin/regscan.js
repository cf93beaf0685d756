#!/usr/bin/env node
// regscan launcher. Runs dist/regscan.mjs (the esbuild bundle, `pnpm --filter @regscan/scanner
// build`) when it is newer than every source file; otherwise the TypeScript sources through
// tsx, so a fresh clone or an installed package works without a build step.
import { readdirSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";

const bundle = new URL("../dist/regscan.mjs", import.meta.url);

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = `${dir}/${entry.name}`;
    const mtime = entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs;
    if (mtime > newest) newest = mtime;
  }
  return newest;
}

// Sources the bundle is built from: this package's and the workspace packages it imports.
const sourceDirs = ["../src", "../node_modules/@regscan/core/src"].map((p) =>
  fileURLToPath(new URL(p, import.meta.url)),
);

function bundleIsFresh() {
  try {
    const built = statSync(bundle).mtimeMs;
    return sourceDirs.every((dir) => {
      try {
        return built >= newestMtime(dir);
      } catch {
        return true; // not there (installed package): nothing to compare
      }
    });
  } catch {
    return false;
  }
}

if (bundleIsFresh()) {
  await import(bundle.href);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import("../src/cli/main.ts");
}
