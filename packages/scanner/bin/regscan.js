#!/usr/bin/env node
// regscan launcher: runs dist/regscan.mjs, the esbuild bundle of the CLI, in this process. In the
// repository (the TypeScript sources are beside it) it first rebuilds the bundle when a source
// is newer than the last build (ensure-fresh-bundle.mjs), so `pnpm regscan` runs the same
// JavaScript a user installs. An installed package has no sources and just runs its bundle.
import { existsSync } from "node:fs";

if (existsSync(new URL("../src/cli/main.ts", import.meta.url))) {
  const { ensureFreshBundle } = await import("./ensure-fresh-bundle.mjs");
  try {
    await ensureFreshBundle();
  } catch (error) {
    // esbuild has printed its errors (file:line) already; anything else is said here.
    const detail = Array.isArray(error?.errors) ? "see the errors above" : String(error?.message ?? error);
    process.stderr.write(`regscan: cannot build the CLI from its sources (${detail})\n`);
    process.exit(1);
  }
}
await import("../dist/regscan.mjs");
