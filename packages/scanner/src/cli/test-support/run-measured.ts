/**
 * Test support (Node only): runs the real `regscan` bin as a child process and reports its peak
 * RSS (`process.resourceUsage().maxRSS`, written by an `--import` hook as the process exits), so
 * memory claims are measured on the code path users run.
 */
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";

const BIN = fileURLToPath(new URL("../../../bin/regscan.js", import.meta.url));
const HOOK = `data:text/javascript,${encodeURIComponent(
  'import { writeSync } from "node:fs"; process.on("exit", () => writeSync(2, "\\nregscan-test-maxrss=" + process.resourceUsage().maxRSS + "\\n"));',
)}`;

export interface MeasuredRun {
  code: number;
  stdout: string;
  stderr: string;
  /** Peak resident set size of the child, in MiB. */
  peakMiB: number;
  seconds: number;
}

export function runMeasured(args: string[], env: Record<string, string>, timeoutMs = 60_000): Promise<MeasuredRun> {
  const started = Date.now();
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", HOOK, BIN, ...args],
      { env: { PATH: process.env.PATH ?? "", ...env }, timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const rss = /regscan-test-maxrss=(\d+)/.exec(stderr);
        resolve({
          code: error ? Number(error.code ?? 1) : 0,
          stdout,
          stderr: stderr.replace(/\nregscan-test-maxrss=\d+\n/, ""),
          peakMiB: rss ? Number(rss[1]) / 1024 : Number.NaN,
          seconds: (Date.now() - started) / 1000,
        });
      },
    );
  });
}
