/**
 * Starts the regscan API as a child process the way `pnpm start` runs it (`node apps/api/bin/start.mjs`:
 * the built bundle, rebuilt first when a source is newer) on a temp libSQL file, with the settings
 * given as environment variables.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

export const REPO_ROOT = resolve(__dirname, "../../../..");

export interface RunningApi {
  url: string;
  dir: string;
  dbUrl: string;
  token: string;
  /** Everything the process printed (stdout and stderr), for leak checks. */
  logFile: string;
  stop(): Promise<void>;
}

export async function startRegscanApi(env: Record<string, string>): Promise<RunningApi> {
  const dir = mkdtempSync(join(tmpdir(), "regscan-vscode-api-"));
  const dbUrl = `file:${join(dir, "regscan.db")}`;
  const token = `rgs_vscode-test-${randomBytes(16).toString("hex")}`;
  const logFile = join(dir, "api.log");
  const log = createWriteStream(logFile);
  const command = [process.execPath, join(REPO_ROOT, "apps/api/bin/start.mjs")];
  const child: ChildProcess = spawn(command[0] as string, command.slice(1), {
    cwd: REPO_ROOT,
    env: {
      PATH: process.env.PATH ?? "",
      PORT: "0",
      HOST: "127.0.0.1",
      REGSCAN_DB_URL: dbUrl,
      REGSCAN_BOOTSTRAP_TOKEN: token,
      REGSCAN_MASTER_KEY: randomBytes(32).toString("base64"),
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  const url = await new Promise<string>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`the API did not start in 60 s:\n${out}`)), 60_000);
    const onData = (chunk: Buffer) => {
      log.write(chunk);
      out += chunk.toString();
      const m = /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        ok(m[1]);
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      fail(new Error(`the API exited (${code}) before listening:\n${out}`));
    });
  });
  return {
    url,
    dir,
    dbUrl,
    token,
    logFile,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        child.kill("SIGTERM");
        await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
        if (child.exitCode === null) child.kill("SIGKILL");
      }
      log.end();
    },
  };
}

export function removeApiDir(api: RunningApi): void {
  rmSync(api.dir, { recursive: true, force: true });
}
