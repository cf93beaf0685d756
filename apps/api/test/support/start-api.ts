import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

export const BOOTSTRAP_TOKEN = "rgs_test-bootstrap-token-0123456789";

/** The command `pnpm start` runs (root package.json): the launcher of the bundled API. */
export const START_SCRIPT = resolve(import.meta.dirname, "../../bin/start.mjs");

export interface RecordedExchange {
  method: string;
  path: string;
  status: number;
  headers: string;
  body: string;
}

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface TestApi {
  url: string;
  port: number;
  dir: string;
  dbUrl: string;
  /** The API process (what `pnpm start` starts). */
  child: ChildProcess;
  /** Every line the process wrote to stdout and stderr (JSON log lines and the rest). */
  logs: string[];
  exchanges: RecordedExchange[];
  request<T = any>(
    method: string,
    path: string,
    options?: {
      token?: string | null;
      body?: unknown;
      rawBody?: string | Uint8Array<ArrayBuffer>;
      headers?: Record<string, string>;
    },
  ): Promise<ApiResponse<T>>;
  /** The JSON log lines whose `message` matches. */
  logged(message: string | RegExp): Array<Record<string, any>>;
  /**
   * SIGTERM (unless the test signalled the process already), then waits for the exit (the database
   * file stays until `cleanup`); resolves to the exit code.
   */
  stop(): Promise<number | null>;
  cleanup(): Promise<void>;
}

export interface StartOptions {
  /** Reuse a directory (database + key) from a previous instance. */
  dir?: string;
  env?: Record<string, string>;
  /** No REGSCAN_BOOTSTRAP_TOKEN (the API generates and prints one). */
  generatedToken?: boolean;
  /** Run the API as another user (uid/gid), e.g. to make its data folder read-only. */
  user?: { uid: number; gid: number };
}

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
export function spawnApi(cwd: string, env: Record<string, string>, user?: StartOptions["user"]): StartedProcess {
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

/**
 * Starts the API the way `pnpm start` does (the bundled server as a child process) on a temp
 * libSQL file, on 127.0.0.1 and a free port, with the bootstrap token set.
 */
export async function startApi(options: StartOptions = {}): Promise<TestApi> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), "regscan-api-"));
  const dbUrl = `file:${join(dir, "regscan.db")}`;
  const started = spawnApi(
    dir,
    {
      REGSCAN_DB_URL: dbUrl,
      ...(options.generatedToken ? {} : { REGSCAN_BOOTSTRAP_TOKEN: BOOTSTRAP_TOKEN }),
      REGSCAN_SCALEWAY_API_URL: "http://127.0.0.1:9",
      ...options.env,
    },
    options.user,
  );
  const url = await started.listening;
  const port = Number(new URL(url).port);
  const exchanges: RecordedExchange[] = [];
  let stopped: Promise<number | null> | undefined;

  const api: TestApi = {
    url,
    port,
    dir,
    dbUrl,
    child: started.child,
    logs: started.lines,
    exchanges,
    async request(method, path, opts = {}) {
      const headers: Record<string, string> = { ...opts.headers };
      const token = opts.token === undefined ? BOOTSTRAP_TOKEN : opts.token;
      if (token) headers.authorization = `Bearer ${token}`;
      let body: string | Uint8Array<ArrayBuffer> | undefined = opts.rawBody;
      if (opts.body !== undefined) {
        body = JSON.stringify(opts.body);
        headers["content-type"] = "application/json";
      } else if (body !== undefined) {
        headers["content-type"] ??= "application/json";
      }
      const response = await fetch(url + path, { method, headers, body });
      const text = await response.text();
      exchanges.push({
        method,
        path,
        status: response.status,
        headers: JSON.stringify([...response.headers]),
        body: text,
      });
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        // not JSON (e.g. /docs)
      }
      return { status: response.status, headers: response.headers, body: parsed, text } as ApiResponse;
    },
    logged(message) {
      return started.lines.flatMap((line) => {
        if (!line.startsWith("{")) return [];
        const entry = JSON.parse(line) as Record<string, any>;
        const matches = typeof message === "string" ? entry.message === message : message.test(entry.message);
        return matches ? [entry] : [];
      });
    },
    stop() {
      stopped ??= (async () => {
        // A signal the test sent already (`child.killed`) is not repeated: a second one exits at once.
        const running = started.child.exitCode === null && started.child.signalCode === null;
        if (running && !started.child.killed) started.child.kill("SIGTERM");
        const killer = setTimeout(() => started.child.kill("SIGKILL"), 15_000);
        const { code } = await started.exited;
        clearTimeout(killer);
        return code;
      })();
      return stopped;
    },
    async cleanup() {
      await api.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return api;
}

/** Throws when any recorded response, header or log line contains one of the secrets. */
export function expectNoLeak(api: TestApi, secrets: string[]): void {
  for (const secret of secrets) {
    for (const e of api.exchanges) {
      if (e.body.includes(secret) || e.headers.includes(secret)) {
        throw new Error(`a secret leaked in the response to ${e.method} ${e.path}`);
      }
    }
    const line = api.logs.findIndex((l) => l.includes(secret));
    if (line >= 0) throw new Error(`a secret leaked in log line ${line}`);
  }
}
