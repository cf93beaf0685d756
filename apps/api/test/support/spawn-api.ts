import { type ChildProcess, spawn } from "node:child_process";
import { resolve } from "node:path";

/** The command `pnpm start` runs (root package.json): the launcher of the bundled API. */
export const START_SCRIPT = resolve(import.meta.dirname, "../../bin/start.mjs");

/** A started process's output so far, and the promise of its listening URL. */
export interface StartedProcess {
  child: ChildProcess;
  lines: string[];
  /** Resolves with the URL once the API listens; rejects with the output when it exits first. */
  listening: Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  output(): string;
}

/** Spawns `node apps/api/bin/start.mjs` (what `pnpm start` runs) with exactly `env`, in `cwd`. */
export function spawnApi(
  cwd: string,
  env: Record<string, string>,
  user?: { uid: number; gid: number },
): StartedProcess {
  const child = spawn(process.execPath, [START_SCRIPT], {
    cwd,
    env: { PATH: process.env.PATH ?? "", PORT: "0", ...env },
    stdio: ["ignore", "pipe", "pipe"],
    ...(user ?? {}),
  });
  const lines: string[] = [];
  let partial = "";
  let onLine: (line: string) => void = () => undefined;
  const take = (chunk: Buffer) => {
    const parts = (partial + chunk.toString("utf8")).split("\n");
    partial = parts.pop() ?? "";
    for (const line of parts) {
      lines.push(line);
      onLine(line);
    }
  };
  child.stdout?.on("data", take);
  child.stderr?.on("data", take);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => {
    child.once("exit", (code, signal) => {
      if (partial) lines.push(partial);
      partial = "";
      done({ code, signal });
    });
    // Could not spawn at all (e.g. the working directory does not exist): no exit event follows.
    child.once("error", (error) => {
      lines.push(`spawn failed: ${error.message}`);
      done({ code: null, signal: null });
    });
  });
  const listening = new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`the API did not start in 30 s:\n${lines.join("\n")}`)), 30_000);
    onLine = (line) => {
      const url = /"message":"regscan API listening","url":"(http:\/\/[^"]+)"/.exec(line)?.[1];
      if (url) {
        clearTimeout(timer);
        resolveUrl(url);
      }
    };
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`the API exited (${code ?? signal}) before listening:\n${lines.join("\n")}`));
    });
  });
  listening.catch(() => undefined); // observed by the caller; never an unhandled rejection here
  return { child, lines, listening, exited, output: () => lines.join("\n") };
}
