/**
 * A TCP proxy between the API and the test docker-registry (node:net), for fault tests: it records
 * every request with its timing, can slow response bodies down, delay responses, and cut the
 * connection (TCP reset) in the middle of a layer blob's body. Point REGSCAN_SCALEWAY_REGISTRY at
 * `proxy.url`; the rules can change while it runs.
 */
import { once } from "node:events";
import { createConnection, createServer, type Socket } from "node:net";
import { RequestFramer, type RequestHead, ResponseFramer } from "./http-framing.js";

export interface ProxyRules {
  /**
   * Cut the next `times` layer blob responses (GET …/blobs/sha256:…, 200, a body of at least
   * `minSize` bytes, default 1 MiB, so image configs pass) after `afterBytes` bytes of body.
   */
  breakBlobs?: { afterBytes: number; times: number; minSize?: number };
  /** Body bytes per second on each connection (a slow registry). */
  bytesPerSecond?: number;
  /** Wait before forwarding each response head. */
  responseDelayMs?: number;
}

export interface ProxiedRequest extends RequestHead {
  startedAt: number;
  /** When the response ended (or its connection closed); undefined while in flight. */
  endedAt?: number;
  status?: number;
  /** Body bytes forwarded to the API. */
  bodyBytes: number;
  /** The response's Content-Length. */
  contentLength: number | null;
  /** Cut by `breakBlobs`. */
  broken: boolean;
}

export interface RegistryProxy {
  /** `http://127.0.0.1:PORT`, for REGSCAN_SCALEWAY_REGISTRY. */
  url: string;
  /** `127.0.0.1:PORT`, the host of image references through the proxy. */
  host: string;
  rules: ProxyRules;
  requests: ProxiedRequest[];
  /** Layer blob GETs (path …/blobs/sha256:…, body of at least 1 MiB unless `minSize`). */
  layerGets(minSize?: number): ProxiedRequest[];
  /** The most requests matching `filter` that were in flight at the same moment. */
  maxConcurrent(filter?: (r: ProxiedRequest) => boolean): number;
  close(): Promise<void>;
}

const MiB = 1024 * 1024;
const isBlob = (r: RequestHead) => r.method === "GET" && /\/v2\/.+\/blobs\/sha256:[a-f0-9]{64}$/.test(r.path);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Resolves once `socket` has taken `bytes` (or is gone). */
function write(socket: Socket, bytes: Buffer): Promise<void> {
  if (socket.destroyed || socket.write(bytes)) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      socket.off("drain", done).off("close", done);
      resolve();
    };
    socket.on("drain", done).on("close", done);
  });
}

export async function startRegistryProxy(upstreamHost: string, rules: ProxyRules = {}): Promise<RegistryProxy> {
  const [upHost, upPort] = [upstreamHost.slice(0, upstreamHost.lastIndexOf(":")), upstreamHost.split(":").pop()];
  const requests: ProxiedRequest[] = [];
  const sockets = new Set<Socket>();
  const proxy = { rules } as RegistryProxy;

  const server = createServer((client) => {
    const upstream = createConnection({ host: upHost, port: Number(upPort) });
    sockets.add(client).add(upstream);
    const pending: ProxiedRequest[] = [];
    const closeBoth = () => {
      for (const r of pending) r.endedAt ??= Date.now();
      client.destroy();
      upstream.destroy();
    };
    // A peer that resets or goes away is what this proxy is for: both sides just close.
    client.on("error", closeBoth).on("close", () => sockets.delete(client) && closeBoth());
    upstream.on("error", closeBoth).on("close", () => sockets.delete(upstream) && closeBoth());

    const requestFramer = new RequestFramer();
    client.on("data", (chunk: Buffer) => {
      for (const head of requestFramer.push(chunk)) {
        const r: ProxiedRequest = { ...head, startedAt: Date.now(), bodyBytes: 0, contentLength: null, broken: false };
        requests.push(r);
        pending.push(r);
      }
      if (!upstream.write(chunk)) {
        client.pause();
        upstream.once("drain", () => client.resume());
      }
    });

    void (async () => {
      const framer = new ResponseFramer(() => pending[0]?.method === "HEAD");
      let breakAt = Number.POSITIVE_INFINITY;
      let bodyStarted = 0;
      for await (const chunk of upstream) {
        for (const piece of framer.push(chunk as Buffer)) {
          const current = pending[0];
          if (piece.kind === "head") {
            if (proxy.rules.responseDelayMs) await sleep(proxy.rules.responseDelayMs);
            if (current) {
              current.status = piece.status;
              current.contentLength = piece.contentLength;
            }
            const cut = proxy.rules.breakBlobs;
            breakAt = Number.POSITIVE_INFINITY;
            if (cut && cut.times > 0 && current && isBlob(current) && piece.status === 200) {
              if ((piece.contentLength ?? 0) >= (cut.minSize ?? MiB)) {
                cut.times -= 1;
                breakAt = cut.afterBytes;
              }
            }
            bodyStarted = Date.now();
            await write(client, piece.bytes);
          } else if (piece.kind === "body") {
            await forwardBody(piece.bytes, piece.payload);
          } else {
            pending.shift();
            if (current) current.endedAt = Date.now();
          }
          if (client.destroyed) return;
        }
      }

      async function forwardBody(bytes: Buffer, payload: number): Promise<void> {
        const current = pending[0];
        const done = current?.bodyBytes ?? 0;
        if (current && payload > 0 && done + payload >= breakAt) {
          await write(client, bytes.subarray(0, breakAt - done));
          current.bodyBytes = breakAt;
          current.broken = true;
          current.endedAt = Date.now();
          client.resetAndDestroy();
          upstream.destroy();
          return;
        }
        const rate = proxy.rules.bytesPerSecond;
        for (let at = 0; at < bytes.length; at += 16 * 1024) {
          const slice = bytes.subarray(at, at + 16 * 1024);
          await write(client, slice);
          if (current) current.bodyBytes += Math.min(slice.length, Math.max(payload - at, 0));
          if (rate && current) {
            const due = bodyStarted + (current.bodyBytes / rate) * 1000;
            if (due > Date.now()) await sleep(due - Date.now());
          }
          if (client.destroyed) return;
        }
      }
    })().catch(closeBoth);
  });

  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return Object.assign(proxy, {
    url: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    requests,
    layerGets: (minSize = MiB) => requests.filter((r) => isBlob(r) && (r.contentLength ?? 0) >= minSize),
    maxConcurrent(filter: (r: ProxiedRequest) => boolean = () => true) {
      const events = requests
        .filter(filter)
        .flatMap((r) => [
          { at: r.startedAt, step: 1 },
          { at: r.endedAt ?? Number.POSITIVE_INFINITY, step: -1 },
        ])
        .sort((a, b) => a.at - b.at || a.step - b.step);
      let now = 0;
      let max = 0;
      for (const e of events) max = Math.max(max, (now += e.step));
      return max;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((done) => server.close(() => done()));
    },
  });
}
