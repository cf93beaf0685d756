import type { ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnApi } from "./spawn-api.js";

export { START_SCRIPT, type StartedProcess, spawnApi } from "./spawn-api.js";

export const BOOTSTRAP_TOKEN = "rgs_test-bootstrap-token-0123456789";

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
