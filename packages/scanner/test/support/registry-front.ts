/**
 * A registry "front" for tests (node:http on 127.0.0.1, free port): it proxies the real
 * docker-registry of test-env.sh while changing one thing: its own Basic or Bearer auth (with a
 * token endpoint at /token), blobs served corrupt or redirected to another host name
 * (`localhost:PORT/storage/…`, which records whether credentials came along), or manifests
 * replaced (e.g. by a schema 1 manifest). It records requests, without secrets.
 */
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { TestRegistry } from "./test-images.js";

export type FrontAuth =
  | { scheme: "basic"; username: string; password: string }
  /** Without username: anonymous tokens. `realmHostname` defaults to 127.0.0.1 (same host). */
  | {
      scheme: "bearer";
      username?: string;
      password?: string;
      realmHostname?: string;
      tokenField?: "token" | "access_token";
    };

export interface RegistryFrontOptions {
  upstream: TestRegistry;
  auth: FrontAuth;
  /** `drop`: the connection breaks after the first chunk of a blob. */
  blobs?: "proxy" | "corrupt" | "drop" | { redirectHostname: string };
  /** Manifests served instead of the upstream's, by `repo:reference`. */
  manifests?: Record<string, { contentType: string; body: string }>;
}

export interface SeenRequest {
  host: string;
  path: string;
  /** Scheme of the Authorization header, never its value. */
  authorization: "basic" | "bearer" | "other" | undefined;
}

export interface RegistryFront {
  /** `127.0.0.1:PORT` */
  host: string;
  port: number;
  requests: SeenRequest[];
  close(): Promise<void>;
}

const basicHeader = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;

export async function startRegistryFront(o: RegistryFrontOptions): Promise<RegistryFront> {
  const requests: SeenRequest[] = [];
  const tokens = new Set<string>();
  const upstreamAuth = basicHeader(o.upstream.username, o.upstream.password);
  let port = 0;

  const authorized = (req: IncomingMessage): boolean => {
    const h = req.headers.authorization;
    if (o.auth.scheme === "basic") return h === basicHeader(o.auth.username, o.auth.password);
    return h?.startsWith("Bearer ") === true && tokens.has(h.slice(7));
  };

  const challenge = (repo: string | undefined): string => {
    if (o.auth.scheme === "basic") return 'Basic realm="regscan-front"';
    const realm = `http://${o.auth.realmHostname ?? "127.0.0.1"}:${port}/token`;
    return `Bearer realm="${realm}",service="regscan-front"${repo ? `,scope="repository:${repo}:pull"` : ""}`;
  };

  async function proxy(
    res: ServerResponse,
    path: string,
    req: IncomingMessage,
    change?: "corrupt" | "drop",
  ): Promise<void> {
    const headers: Record<string, string> = { authorization: upstreamAuth };
    if (req.headers.accept) headers.accept = req.headers.accept;
    const up = await fetch(`http://${o.upstream.host}${path}`, { headers });
    const out: Record<string, string> = {};
    for (const name of ["content-type", "content-length", "docker-content-digest"]) {
      const v = up.headers.get(name);
      if (v) out[name] = v;
    }
    res.writeHead(up.status, out);
    let first = true;
    for await (const chunk of (up.body ?? []) as unknown as AsyncIterable<Uint8Array>) {
      if (change === "corrupt" && first && chunk.byteLength > 0) chunk[0] = (chunk[0] ?? 0) ^ 0xff;
      if (change === "drop" && !first) {
        res.destroy();
        return;
      }
      first = false;
      res.write(chunk);
    }
    res.end();
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://front");
    const h = req.headers.authorization;
    requests.push({
      host: req.headers.host ?? "",
      path: url.pathname,
      authorization:
        h === undefined ? undefined : h.startsWith("Basic ") ? "basic" : h.startsWith("Bearer ") ? "bearer" : "other",
    });
    if (url.pathname === "/token" && o.auth.scheme === "bearer") {
      if (o.auth.username && h !== basicHeader(o.auth.username, o.auth.password ?? "")) {
        res.writeHead(401, { "content-type": "application/json" }).end('{"details":"wrong credentials"}');
        return;
      }
      const token = randomUUID();
      tokens.add(token);
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ [o.auth.tokenField ?? "token"]: token, expires_in: 300 }));
      return;
    }
    const storage = /^\/storage(\/v2\/.+\/blobs\/sha256:[a-f0-9]{64})$/.exec(url.pathname);
    if (storage?.[1]) return proxy(res, storage[1], req);
    if (!url.pathname.startsWith("/v2/")) {
      res.writeHead(404).end();
      return;
    }
    const m = /^\/v2\/(.+)\/(manifests|blobs)\/([^/]+)$/.exec(url.pathname);
    if (!authorized(req)) {
      res.writeHead(401, { "www-authenticate": challenge(m?.[1]), "content-type": "application/json" });
      res.end('{"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]}');
      return;
    }
    if (url.pathname === "/v2/") {
      res.writeHead(200, { "content-type": "application/json" }).end("{}");
      return;
    }
    const override = m && o.manifests?.[`${m[1]}:${m[3]}`];
    if (m?.[2] === "manifests" && override) {
      res.writeHead(200, { "content-type": override.contentType }).end(override.body);
      return;
    }
    if (m?.[2] === "blobs" && typeof o.blobs === "object") {
      res.writeHead(307, {
        location: `http://${o.blobs.redirectHostname}:${port}/storage${url.pathname}?X-Signature=s3cr3t`,
      });
      res.end();
      return;
    }
    const change = m?.[2] === "blobs" && (o.blobs === "corrupt" || o.blobs === "drop") ? o.blobs : undefined;
    return proxy(res, url.pathname, req, change);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
  return {
    host: `127.0.0.1:${port}`,
    port,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
