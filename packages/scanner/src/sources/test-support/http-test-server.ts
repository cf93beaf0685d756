/**
 * Test support (Node only): an HTTP server on 127.0.0.1 (free port) with a handler per test, to
 * play registries that misbehave: stall before their headers, trickle a body, answer a huge error
 * body, or run a token service on another port. It records each request's path and Authorization
 * header, and counts the body bytes it managed to write; `close()` drops open connections.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface SeenRequest {
  method: string;
  path: string;
  /** The raw Authorization header (tests assert a secret is absent). */
  authorization: string | undefined;
}

export interface HttpTestServer {
  /** `127.0.0.1:PORT` */
  host: string;
  port: number;
  requests: SeenRequest[];
  /** Body bytes the handlers wrote with `writeSlowly` / `writeFlood` (accepted by the socket). */
  bytesWritten: () => number;
  close(): Promise<void>;
}

export type TestHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  tools: { host: string; port: number; count: (n: number) => void },
) => void | Promise<void>;

export async function startHttpTestServer(handler: TestHandler): Promise<HttpTestServer> {
  const requests: SeenRequest[] = [];
  let written = 0;
  let port = 0;
  const server = createServer((req, res) => {
    requests.push({ method: req.method ?? "", path: req.url ?? "", authorization: req.headers.authorization });
    Promise.resolve(handler(req, res, { host: `127.0.0.1:${port}`, port, count: (n) => (written += n) })).catch(
      () => res.destroy(), // the client went away mid-answer: expected in these tests
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
  return {
    host: `127.0.0.1:${port}`,
    port,
    requests,
    bytesWritten: () => written,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Writes `body` one `chunk` bytes at a time every `everyMs`, until done or the client leaves. */
export async function writeSlowly(
  res: ServerResponse,
  body: Uint8Array,
  o: { chunk: number; everyMs: number; count?: (n: number) => void },
): Promise<void> {
  for (let i = 0; i < body.length && !res.destroyed; i += o.chunk) {
    const part = body.subarray(i, i + o.chunk);
    res.write(part);
    o.count?.(part.length);
    await sleep(o.everyMs);
  }
  if (!res.destroyed) res.end();
}

/** Writes `total` bytes of `fill` as fast as the client reads them (honouring backpressure). */
export async function writeFlood(
  res: ServerResponse,
  total: number,
  o: { fill: string; count: (n: number) => void },
): Promise<void> {
  const chunk = new TextEncoder().encode(o.fill.repeat(Math.ceil(65536 / o.fill.length)).slice(0, 65536));
  for (let sent = 0; sent < total && !res.destroyed; sent += chunk.length) {
    o.count(chunk.length);
    if (!res.write(chunk)) {
      await new Promise<void>((resolve) => {
        const done = () => {
          res.off("drain", done);
          res.off("close", done);
          resolve();
        };
        res.once("drain", done);
        res.once("close", done);
      });
    }
  }
  if (!res.destroyed) res.end();
}
