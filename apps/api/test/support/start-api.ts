import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type ServerType, serve } from "@hono/node-server";
import { bootstrap } from "@regscan/core";
import { createApp } from "../../src/app.js";
import { buildNodeDeps } from "../../src/build-node-deps.js";
import { loadConfig } from "../../src/config.js";
import { createJsonLogger } from "../../src/http/logger.js";

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
  dir: string;
  dbUrl: string;
  logs: string[];
  exchanges: RecordedExchange[];
  request<T = any>(
    method: string,
    path: string,
    options?: { token?: string | null; body?: unknown; rawBody?: string; headers?: Record<string, string> },
  ): Promise<ApiResponse<T>>;
  /** Stops the server (the database file stays until `cleanup`). */
  stop(): Promise<void>;
  cleanup(): Promise<void>;
}

export interface StartOptions {
  /** Reuse a directory (database + key) from a previous instance. */
  dir?: string;
  env?: Record<string, string>;
}

/** Starts the real Node composition root on a temp libSQL file, served on 127.0.0.1:<free port>. */
export async function startApi(options: StartOptions = {}): Promise<TestApi> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), "regscan-api-"));
  const dbUrl = `file:${join(dir, "regscan.db")}`;
  const logs: string[] = [];
  const logger = createJsonLogger((line) => logs.push(line));
  const config = loadConfig({
    REGSCAN_DB_URL: dbUrl,
    REGSCAN_BOOTSTRAP_TOKEN: BOOTSTRAP_TOKEN,
    REGSCAN_SCALEWAY_API_URL: "http://127.0.0.1:9",
    ...options.env,
  });
  const { deps, runner, close } = await buildNodeDeps(config, logger);
  await bootstrap(deps.core, { tokenValue: config.REGSCAN_BOOTSTRAP_TOKEN });
  const app = createApp(deps);
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
  });
  runner.start();
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  const url = `http://127.0.0.1:${port}`;
  const exchanges: RecordedExchange[] = [];
  let stopped = false;

  const api: TestApi = {
    url,
    dir,
    dbUrl,
    logs,
    exchanges,
    async request(method, path, opts = {}) {
      const headers: Record<string, string> = { ...opts.headers };
      const token = opts.token === undefined ? BOOTSTRAP_TOKEN : opts.token;
      if (token) headers.authorization = `Bearer ${token}`;
      let body: string | undefined = opts.rawBody;
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
    async stop() {
      if (stopped) return;
      stopped = true;
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await close();
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
