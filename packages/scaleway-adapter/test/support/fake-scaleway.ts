// A fake Scaleway Registry API v1 on 127.0.0.1 for tests (never production code).
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type FakeReply, tooManyRequests, unauthenticated } from "./fake-scaleway-bodies.js";
import { route } from "./fake-scaleway-routes.js";
import { FakeScalewayState } from "./fake-scaleway-state.js";

/** One request as the fake saw it. Records whether a key was present, never the key. */
export interface FakeRequestLog {
  method: string;
  /** The Host header. */
  host: string;
  path: string;
  query: Record<string, string>;
  /** True when an X-Auth-Token header was present. */
  authenticated: boolean;
  status: number;
}

export interface FakeScaleway {
  /** Base URL, e.g. `http://127.0.0.1:41234` (pass as the gateway's `apiUrl`). */
  readonly url: string;
  /** Seeding: keys, namespaces, images, tags. */
  readonly state: FakeScalewayState;
  /** Every request received, in order. */
  readonly requests: FakeRequestLog[];
  /** The next `count` requests get 429 with this `Retry-After` (seconds or an HTTP date). */
  rateLimitNext(count: number, retryAfter?: string): void;
  /** The next `count` requests get this 5xx status. */
  failNext(count: number, status?: number): void;
  /** The next `count` requests never get an answer (until `close`). */
  hangNext(count: number): void;
  /** The next `count` requests get a 200 HTML page (a captive proxy, not Scaleway). */
  garbleNext(count: number): void;
  /** The next `count` requests get a 302 to `location`. */
  redirectNext(count: number, location: string): void;
  /** Drops every queued control (rate limits, failures, hangs, redirects not yet consumed). */
  resetControls(): void;
  /** True when any request carried this exact secret (checked in memory, never printed). */
  sawSecret(secretKey: string): boolean;
  close(): Promise<void>;
}

type Control =
  | { kind: "rate_limit"; retryAfter: string }
  | { kind: "fail"; status: number }
  | { kind: "hang" }
  | { kind: "garble" }
  | { kind: "redirect"; location: string };

/** Starts the fake on 127.0.0.1 with a free port. Stop it with `close()`. */
export async function startFakeScaleway(state = new FakeScalewayState()): Promise<FakeScaleway> {
  const requests: FakeRequestLog[] = [];
  const controls: Control[] = [];
  const seenSecrets = new Set<string>();

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://fake");
    const token = req.headers["x-auth-token"];
    const secret = Array.isArray(token) ? token[0] : token;
    if (secret !== undefined) seenSecrets.add(secret);
    const entry: FakeRequestLog = {
      method: req.method ?? "GET",
      host: req.headers.host ?? "",
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      authenticated: secret !== undefined,
      status: 0,
    };
    requests.push(entry);
    const control = controls.shift();
    if (control?.kind === "hang") return;
    const reply = control ? controlReply(control) : answer(state, req, secret, url);
    entry.status = reply.status;
    send(res, reply);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  const push = (count: number, control: Control): void => {
    for (let i = 0; i < count; i++) controls.push(control);
  };
  return {
    url: `http://127.0.0.1:${port}`,
    state,
    requests,
    rateLimitNext: (count, retryAfter = "1") => push(count, { kind: "rate_limit", retryAfter }),
    failNext: (count, status = 503) => push(count, { kind: "fail", status }),
    hangNext: (count) => push(count, { kind: "hang" }),
    garbleNext: (count) => push(count, { kind: "garble" }),
    redirectNext: (count, location) => push(count, { kind: "redirect", location }),
    resetControls: () => void controls.splice(0),
    sawSecret: (secretKey) => seenSecrets.has(secretKey),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function controlReply(control: Exclude<Control, { kind: "hang" }>): FakeReply {
  switch (control.kind) {
    case "rate_limit":
      return tooManyRequests(control.retryAfter, Date.now());
    case "fail":
      return { status: control.status, body: { message: "internal error", type: "internal_error" } };
    case "redirect":
      return { status: 302, headers: { location: control.location }, body: null };
    case "garble":
      return { status: 200, headers: { "content-type": "text/html" }, body: null, raw: "<html>Please log in</html>" };
  }
}

function answer(state: FakeScalewayState, req: IncomingMessage, secret: string | undefined, url: URL): FakeReply {
  if (secret === undefined || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(secret)) {
    return unauthenticated("invalid_argument");
  }
  const key = state.keys.get(secret);
  if (!key || key.revoked) return unauthenticated("not_found");
  if (req.method !== "GET")
    return { status: 405, body: { message: "method not allowed", type: "invalid_request_error" } };
  return route(state, key, url.pathname, url.searchParams);
}

function send(res: ServerResponse, reply: FakeReply): void {
  // Exactly `application/json`, as Scaleway sends it (the SDK compares the header verbatim).
  res.writeHead(reply.status, { "content-type": "application/json", ...reply.headers });
  res.end(reply.raw ?? (reply.body === null ? "" : JSON.stringify(reply.body)));
}
