/**
 * Test support (workerd): requests to the Worker (through `SELF`, its fetch handler, or with other
 * bindings through the entry's handlers directly), polling, and the Node-side control server.
 */
import { createExecutionContext, env, SELF, waitOnExecutionContext } from "cloudflare:test";
import { expect, inject, vi } from "vitest";
import type { WorkerEnv } from "../../src/worker/worker-env.js";
import worker from "../../src/worker.js";
import { BOOTSTRAP_TOKEN } from "./worker-world.js";

export const world = inject("workerWorld");
export const ORIGIN = "https://regscan.example";

export interface Answer<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface CallOptions {
  /** Bearer token; default the bootstrap token, null for none. */
  token?: string | null;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
  /** Other bindings: the request goes to the entry's fetch handler with these instead of SELF. */
  env?: WorkerEnv;
}

/** The Worker's bindings in the tests, with `overrides` (undefined removes one). */
export function workerEnv(overrides: Record<string, unknown> = {}): WorkerEnv {
  const out: Record<string, unknown> = { ...env, ...overrides };
  for (const [name, value] of Object.entries(overrides)) if (value === undefined) delete out[name];
  return out as WorkerEnv;
}

export function buildRequest(method: string, path: string, options: CallOptions = {}): Request {
  const headers: Record<string, string> = { ...options.headers };
  const token = options.token === undefined ? BOOTSTRAP_TOKEN : options.token;
  if (token) headers.authorization = `Bearer ${token}`;
  let body = options.rawBody;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers["content-type"] = "application/json";
  } else if (body !== undefined) headers["content-type"] ??= "application/json";
  return new Request(ORIGIN + path, { method, headers, ...(body === undefined ? {} : { body }) });
}

/** Every answer's headers and body, for leak checks. */
export const answersSeen: string[] = [];

export async function answer(response: Response): Promise<Answer> {
  const text = await response.text();
  answersSeen.push(`${JSON.stringify([...response.headers])}\n${text}`);
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // Not JSON (the /docs page): the text is the body.
  }
  return { status: response.status, headers: response.headers, body, text };
}

/** One request to the Worker. */
export async function call(method: string, path: string, options: CallOptions = {}): Promise<Answer> {
  const request = buildRequest(method, path, options);
  if (!options.env) return answer(await SELF.fetch(request));
  const ctx = createExecutionContext();
  const response = await worker.fetch(request, options.env, ctx);
  await waitOnExecutionContext(ctx);
  return answer(response);
}

/** Polls a scan until it has ended; answers other than 200 (a database outage) are waited out. */
export async function waitForScan(projectId: string, scanId: string, timeoutMs = 100_000) {
  const deadline = Date.now() + timeoutMs;
  let last: Answer | undefined;
  for (;;) {
    last = await call("GET", `/v1/projects/${projectId}/scans/${scanId}`);
    if (last.status === 200 && ["succeeded", "failed", "cancelled"].includes(last.body.status)) return last.body;
    if (Date.now() > deadline) throw new Error(`scan ${scanId} not finished after ${timeoutMs} ms: ${last.text}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** The bootstrap organization and project, and the credential of the registry's namespace. */
export async function setUpCredential(options: CallOptions = {}) {
  const me = await call("GET", "/v1/me", options);
  expect(me.status, me.text).toBe(200);
  const orgId = me.body.organizations.find((o: { name: string }) => o.name === "default").id;
  const projectId = me.body.projects.find((p: { orgId: string }) => p.orgId === orgId).id;
  const created = await call("POST", `/v1/orgs/${orgId}/credentials`, {
    ...options,
    body: {
      provider: "scaleway",
      scalewayProjectId: "11111111-2222-4333-8444-555555555555",
      region: "fr-par",
      namespace: "regscan",
      secretKey: world.registryPassword,
    },
  });
  expect(created.status, created.text).toBe(201);
  return { orgId, projectId, credentialId: created.body.id as string };
}

async function control(method: string, path: string, body?: unknown) {
  const res = await fetch(world.controlUrl + path, {
    method,
    ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { "content-type": "application/json" } }),
  });
  const json = (await res.json()) as any;
  if (!res.ok) throw new Error(`control ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

/** The Node-side helpers. */
export const controls = {
  outage: (pattern: RegExp, durationMs: number) => control("POST", "/outage", { pattern: pattern.source, durationMs }),
  memoryStart: (): Promise<{ pid: number }> => control("POST", "/memory/start"),
  memoryStop: (): Promise<{ pid: number; name: string; baselineKiB: number; peakKiB: number; samples: number }> =>
    control("POST", "/memory/stop"),
  dbContains: async (text: string): Promise<boolean> =>
    (await control("GET", `/db/contains?text=${encodeURIComponent(text)}`)).found,
  scalewayRequests: async (): Promise<number> => (await control("GET", "/scaleway/requests")).count,
};

/** The Worker's log lines (it logs through console.log in this isolate), from now on. */
export function captureLogs(): { lines: string[]; restore(): void } {
  const lines: string[] = [];
  const original = console.log.bind(console);
  const spy = vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => {
    lines.push(args.map(String).join(" "));
    original(...args);
  });
  return { lines, restore: () => spy.mockRestore() };
}

/** Fails when the secret appears in any answer seen so far or in the log lines. */
export function expectNoLeak(secret: string, logLines: string[]): void {
  expect(answersSeen.filter((a) => a.includes(secret))).toEqual([]);
  expect(logLines.filter((l) => l.includes(secret))).toEqual([]);
}
