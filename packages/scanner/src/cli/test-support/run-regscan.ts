/** Test support: runs the real `regscan` bin as a child process, with a clean environment. */
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

/**
 * Runs `regscan ARGS` with only PATH, HOME=`home`, a cache under it and `env` set (async: test
 * servers live in the calling process). XDG_RUNTIME_DIR points into `home` too, so no auth file
 * of the machine running the tests is read.
 */
export function runRegscan(args: string[], home: string, env: Record<string, string> = {}): Promise<RegscanRun> {
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
        timeout: 60_000,
      },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr, ms: Date.now() - started }),
    );
  });
}
