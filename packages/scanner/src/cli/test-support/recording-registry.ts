/**
 * Test support (Node only): a registry on 127.0.0.1 in front of a fixture registry
 * (fixture-registry.ts) that challenges for Basic auth and records every Authorization header it
 * receives, so a test can assert a password never reached it. With `require`, only requests
 * with those credentials are served (401 otherwise); without it, anonymous pulls work (a public
 * registry that would still accept credentials).
 */
import { type HttpTestServer, startHttpTestServer } from "../../sources/test-support/http-test-server.js";
import type { FixtureRegistry } from "./fixture-registry.js";

export interface RecordingRegistry {
  /** `127.0.0.1:PORT` */
  host: string;
  /** Every Authorization header received (undefined for none), in order. */
  authorizations(): Array<string | undefined>;
  close(): Promise<void>;
}

export const basicAuth = (username: string, password: string) =>
  `Basic ${Buffer.from(`${username}:${password}`).toString("base64")}`;

export async function startRecordingRegistry(
  upstream: FixtureRegistry,
  o: { require?: { username: string; password: string } } = {},
): Promise<RecordingRegistry> {
  const expected = o.require ? basicAuth(o.require.username, o.require.password) : undefined;
  const server: HttpTestServer = await startHttpTestServer(async (req, res) => {
    const authorized = expected === undefined ? true : req.headers.authorization === expected;
    if (req.url === "/v2/" && req.headers.authorization === undefined) {
      return void res.writeHead(401, { "www-authenticate": 'Basic realm="recording"' }).end();
    }
    if (!authorized) return void res.writeHead(401, { "www-authenticate": 'Basic realm="recording"' }).end();
    const up = await fetch(`http://${upstream.host}${req.url}`, { headers: { accept: req.headers.accept ?? "*/*" } });
    const headers: Record<string, string> = {};
    for (const name of ["content-type", "content-length", "docker-content-digest"]) {
      const value = up.headers.get(name);
      if (value) headers[name] = value;
    }
    res.writeHead(up.status, headers).end(Buffer.from(await up.arrayBuffer()));
  });
  return {
    host: server.host,
    authorizations: () => server.requests.map((r) => r.authorization),
    close: () => server.close(),
  };
}
