import { afterEach, describe, expect, it } from "vitest";
import { domainFailure, drain } from "../../test/support/streams.js";
import { nodeHttpFetch } from "./node/node-http-fetch.js";
import { type FetchLike, getFollowingRedirects } from "./registry-http.js";
import { createRegistrySource } from "./registry-source.js";
import { MIN_PROGRESS_BYTES, type RegistryTimeouts, registryTimeouts } from "./registry-timeouts.js";
import { type HttpTestServer, startHttpTestServer, writeSlowly } from "./test-support/http-test-server.js";

const short: RegistryTimeouts = { headersMs: 400, idleMs: 400, documentMs: 800 };

/** The same limits hold over both HTTP clients: Workers' fetch, and node:http as the CLI uses. */
describe.each<[string, FetchLike]>([
  ["fetch", (input, init) => fetch(input, init)],
  ["node:http", nodeHttpFetch],
])("registry time limits against a slow server on 127.0.0.1 (%s)", (_client, client) => {
  const follow = (server: HttpTestServer, o: { document?: boolean; timeouts?: RegistryTimeouts } = {}) => ({
    fetch: client,
    headers: {},
    authOrigin: `http://${server.host}`,
    insecure: true,
    label: `registry ${server.host} (blob)`,
    retryDelayMs: 0,
    timeouts: short,
    ...o,
  });

  /** Resolves with the elapsed milliseconds of `p` and its DomainError. */
  async function timed(p: Promise<unknown>) {
    const started = Date.now();
    const error = await domainFailure(p);
    return { error, ms: Date.now() - started };
  }

  let server: HttpTestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it("a server that never sends its headers fails after headersMs, naming it", async () => {
    server = await startHttpTestServer(() => undefined); // accepts, then says nothing
    const { error, ms } = await timed(getFollowingRedirects(`http://${server.host}/v2/`, follow(server)));
    expect(error).toMatchObject({ code: "upstream_unavailable" });
    expect(error.message).toContain(`Registry ${server.host} (blob) did not answer within 400 ms (${server.host})`);
    expect(ms).toBeLessThan(3000);
  }, 10_000);

  it("a body that trickles (1 byte every 50 ms) fails after idleMs of too little progress", async () => {
    server = await startHttpTestServer(async (_req, res) => {
      res.writeHead(200, { "content-type": "application/octet-stream" });
      await writeSlowly(res, new Uint8Array(100_000), { chunk: 1, everyMs: 50 });
    });
    const res = await getFollowingRedirects(`http://${server.host}/v2/ns/app/blobs/x`, follow(server));
    const { error, ms } = await timed(drain(res.body!));
    expect(error.code).toBe("upstream_unavailable");
    expect(error.message).toMatch(/^Registry 127\.0\.0\.1:\d+ \(blob\) stalled: .*less than 16 KiB in 400 ms/);
    expect(ms).toBeLessThan(3000);
  }, 10_000);

  it("a slow body that keeps making progress is not cut off, however long it takes", async () => {
    const chunk = MIN_PROGRESS_BYTES * 2;
    server = await startHttpTestServer(async (_req, res) => {
      res.writeHead(200, { "content-type": "application/octet-stream" });
      await writeSlowly(res, new Uint8Array(chunk * 12), { chunk, everyMs: 150 }); // ~1.8 s > idleMs
    });
    const timeouts = { ...short, idleMs: 1000 };
    const res = await getFollowingRedirects(`http://${server.host}/v2/ns/app/blobs/x`, follow(server, { timeouts }));
    expect(await drain(res.body!)).toBe(chunk * 12);
  }, 10_000);

  it("a document must arrive whole within documentMs, even when it keeps making progress", async () => {
    const chunk = MIN_PROGRESS_BYTES * 2;
    server = await startHttpTestServer(async (_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      await writeSlowly(res, new Uint8Array(chunk * 20), { chunk, everyMs: 150 }); // ~3 s > documentMs
    });
    const res = await getFollowingRedirects(`http://${server.host}/v2/ns/app/manifests/1`, {
      ...follow(server, { timeouts: { ...short, idleMs: 2000 } }),
      document: true,
      label: `registry ${server.host} (manifest)`,
    });
    const { error, ms } = await timed(drain(res.body!));
    expect(error.message).toMatch(/\(manifest\) did not send the whole response within 800 ms/);
    expect(ms).toBeLessThan(2500);
  }, 10_000);

  it("createRegistrySource: a registry that trickles its manifest ends in upstream_unavailable naming it", async () => {
    server = await startHttpTestServer(async (req, res) => {
      if (req.url === "/v2/") return void res.writeHead(200).end("{}");
      res.writeHead(200, { "content-type": "application/vnd.oci.image.manifest.v1+json" });
      await writeSlowly(res, new TextEncoder().encode(`{"schemaVersion":2${" ".repeat(4000)}}`), {
        chunk: 1,
        everyMs: 100,
      });
    });
    const source = createRegistrySource({
      ref: `docker://${server.host}/ns/app:1.0`,
      insecure: true,
      fetch: client,
      timeouts: { idleMs: 300, documentMs: 600 },
    });
    const { error, ms } = await timed(source.resolve());
    expect(error.code).toBe("upstream_unavailable");
    expect(error.message).toContain(`Registry ${server.host} (manifest)`);
    expect(ms).toBeLessThan(3000);
  }, 10_000);

  it("createRegistrySource: a registry that never answers the ping ends in upstream_unavailable", async () => {
    server = await startHttpTestServer(() => undefined);
    const source = createRegistrySource({
      ref: `docker://${server.host}/ns/app:1.0`,
      insecure: true,
      fetch: client,
      timeouts: short,
    });
    const { error, ms } = await timed(source.resolve());
    expect(error).toMatchObject({ code: "upstream_unavailable" });
    expect(error.message).toContain(`Registry ${server.host} (ping) did not answer`);
    expect(ms).toBeLessThan(3000);
  }, 10_000);

  it("the caller's abort still wins over the timers", async () => {
    server = await startHttpTestServer(() => undefined);
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("stop")), 50);
    const started = Date.now();
    await expect(
      getFollowingRedirects(`http://${server.host}/v2/`, {
        ...follow(server, { timeouts: { ...short, headersMs: 5000 } }),
        signal: controller.signal,
      }),
    ).rejects.toThrow("stop");
    expect(Date.now() - started).toBeLessThan(2500);
  }, 10_000);
});

describe("registryTimeouts", () => {
  it("fills in the defaults and refuses nonsense", () => {
    expect(registryTimeouts({ idleMs: 5 })).toEqual({ headersMs: 30_000, idleMs: 5, documentMs: 60_000 });
    expect(() => registryTimeouts({ headersMs: 0 })).toThrow(/headersMs must be a positive/);
    expect(() => registryTimeouts({ documentMs: Number.NaN })).toThrow(/documentMs/);
  });
});
