/**
 * The API for the bench: what `pnpm start` runs (apps/api/bin/start.mjs) in its own process, on a
 * fresh data folder, its log written to a file as in production (a pipe to this process, busy
 * running the load, would slow the server's log writes down and measure that instead).
 */
import { spawn } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BOOTSTRAP_TOKEN, START_SCRIPT } from "../test/support/start-api.js";

export interface BenchApi {
  url: string;
  dbUrl: string;
  /** A JSON request with the bootstrap token; throws unless the status is `expect`. */
  // biome-ignore lint/suspicious/noExplicitAny: the API's JSON answers, read loosely by the bench
  call(method: string, path: string, body: unknown, expect: number): Promise<any>;
  log(): string;
  stop(): Promise<void>;
}

export async function startBenchApi(env: Record<string, string>, nodeArgs: string[] = []): Promise<BenchApi> {
  const dir = mkdtempSync(join(tmpdir(), "regscan-bench-api-"));
  const logFile = join(dir, "api.log");
  const fd = openSync(logFile, "w");
  const dbUrl = `file:${join(dir, "regscan.db")}`;
  const child = spawn(process.execPath, [...nodeArgs, START_SCRIPT], {
    cwd: dir,
    env: {
      PATH: process.env.PATH ?? "",
      PORT: "0",
      REGSCAN_DB_URL: dbUrl,
      REGSCAN_BOOTSTRAP_TOKEN: BOOTSTRAP_TOKEN,
      ...env,
    },
    stdio: ["ignore", fd, fd],
  });
  closeSync(fd);
  const exited = new Promise<number | null>((done) => child.once("exit", (code) => done(code)));
  const log = () => readFileSync(logFile, "utf8");
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    await exited;
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 30_000;
  let url: string | undefined;
  while (!url) {
    url = /"message":"regscan API listening","url":"(http:\/\/[^"]+)"/.exec(log())?.[1];
    if (url) break;
    if (child.exitCode !== null || Date.now() > deadline) {
      const output = log();
      await stop();
      throw new Error(`the API did not start:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const base = url;
  return {
    url: base,
    dbUrl,
    async call(method, path, body, expect) {
      const res = await fetch(base + path, {
        method,
        headers: {
          authorization: `Bearer ${BOOTSTRAP_TOKEN}`,
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      if (res.status !== expect) throw new Error(`${method} ${path} answered ${res.status}: ${text}`);
      return JSON.parse(text);
    },
    log,
    stop,
  };
}
