/**
 * Test support (Node only): runs the `regscan` CLI the way a user does, as a child process of
 * `bin/regscan.js` (which runs the esbuild bundle, rebuilt when the sources are newer), with a
 * clean environment: only PATH, HOME, XDG_RUNTIME_DIR and the layer cache folder inside `home`
 * (so no auth file of the machine running the tests is read), plus what the test passes.
 */

import { execFile } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const REGSCAN_BIN = fileURLToPath(new URL("../../../bin/regscan.js", import.meta.url));

export interface RegscanRun {
  code: number;
  stdout: string;
  stderr: string;
  /** Wall time of the run. */
  ms: number;
}

/** Runs `regscan ARGS` with HOME and REGSCAN_CACHE_DIR inside `home` (async: servers may live in this process). */
export function runRegscan(
  args: readonly string[],
  home: string,
  env: Record<string, string> = {},
): Promise<RegscanRun> {
  const started = Date.now();
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [REGSCAN_BIN, ...args],
      {
        env: {
          PATH: process.env.PATH ?? "",
          HOME: home,
          XDG_RUNTIME_DIR: join(home, "run"),
          REGSCAN_CACHE_DIR: join(home, "cache"),
          ...env,
        },
        timeout: 120_000,
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr, ms: Date.now() - started }),
    );
  });
}
