import { gzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { errorText } from "../registry-timeouts.js";
import { type HttpTestServer, startHttpTestServer, writeFlood } from "../test-support/http-test-server.js";
import { nodeHttpFetch } from "./node-http-fetch.js";

const get = (url: string, o: { headers?: Record<string, string>; signal?: AbortSignal } = {}) =>
  nodeHttpFetch(url, { method: "GET", headers: o.headers ?? {}, redirect: "manual", signal: o.signal });

async function text(body: ReadableStream<Uint8Array> | null): Promise<string> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of (body ?? new ReadableStream()) as unknown as AsyncIterable<Uint8Array>) chunks.push(chunk);
  return Buffer.concat(chunks).toString("utf8");
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("nodeHttpFetch (the CLI's registry HTTP client)", () => {
  let server: HttpTestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it("answers like fetch: status, text, ok, headers (repeated ones joined) and the body; sends the headers", async () => {
    let seen: Record<string, string | string[] | undefined> = {};
    server = await startHttpTestServer((req, res) => {
      seen = req.headers;
      res.writeHead(401, "Unauthorized", [
        ["www-authenticate", 'Bearer realm="https://auth.example/token"'],
        ["www-authenticate", 'Basic realm="x"'],
        ["content-type", "application/json"],
      ]);
      res.end('{"errors":[]}');
    });
    const res = await get(`http://${server.host}/v2/`, { headers: { accept: "application/json", "x-a": "1" } });
    expect([res.status, res.statusText, res.ok]).toEqual([401, "Unauthorized", false]);
    expect(res.headers.get("WWW-Authenticate")).toBe('Bearer realm="https://auth.example/token", Basic realm="x"');
    expect(res.headers.get("docker-content-digest")).toBeNull();
    expect(await text(res.body)).toBe('{"errors":[]}');
    expect(seen).toMatchObject({ accept: "application/json", "x-a": "1" });
    expect(seen["accept-encoding"]).toBeUndefined(); // nothing asks the server to compress
  });

  it("never follows a redirect: the 3xx and its Location come back, and only one request was made", async () => {
    server = await startHttpTestServer((_req, res) => void res.writeHead(307, { location: "/elsewhere" }).end());
    const res = await get(`http://${server.host}/v2/ns/app/blobs/sha256:x`);
    expect([res.status, res.ok, res.headers.get("location")]).toEqual([307, false, "/elsewhere"]);
    await res.body?.cancel();
    expect(server.requests.map((r) => r.path)).toEqual(["/v2/ns/app/blobs/sha256:x"]);
  });

  it("pauses the socket while the reader is behind (a 256 MiB body is not buffered)", async () => {
    const total = 256 * 1024 * 1024;
    server = await startHttpTestServer(async (_req, res, { count }) => {
      res.writeHead(200, { "content-length": String(total) });
      await writeFlood(res, total, { fill: "x", count });
    });
    const res = await get(`http://${server.host}/blob`);
    const reader = res.body!.getReader();
    await reader.read();
    await sleep(300);
    // Socket buffers on both sides hold a few MiB at most; without backpressure it would be all.
    expect(server.bytesWritten()).toBeLessThan(32 * 1024 * 1024);
    await reader.cancel();
  }, 20_000);

  it("cancelling the body closes the connection", async () => {
    let closed = false;
    server = await startHttpTestServer(async (req, res, { count }) => {
      req.socket.on("close", () => (closed = true));
      res.writeHead(200);
      await writeFlood(res, 64 * 1024 * 1024, { fill: "y", count });
    });
    const res = await get(`http://${server.host}/blob`);
    await res.body!.cancel();
    for (let i = 0; i < 50 && !closed; i++) await sleep(20);
    expect(closed).toBe(true);
  });

  it("the caller's abort rejects with its reason, before the headers and during the body", async () => {
    server = await startHttpTestServer(async (req, res) => {
      if (req.url === "/silent") return; // never answers
      res.writeHead(200);
      res.write("partial");
    });
    const before = new AbortController();
    setTimeout(() => before.abort(new Error("stopped before")), 50);
    await expect(get(`http://${server.host}/silent`, { signal: before.signal })).rejects.toThrow("stopped before");

    const during = new AbortController();
    const res = await get(`http://${server.host}/partial`, { signal: during.signal });
    const reader = res.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe("partial");
    during.abort(new Error("stopped during"));
    await expect(reader.read()).rejects.toThrow("stopped during");

    const already = new AbortController();
    already.abort(new Error("already"));
    await expect(get(`http://${server.host}/partial`, { signal: already.signal })).rejects.toThrow("already");
  });

  it("a refused connection rejects as fetch does (TypeError, the system error as cause)", async () => {
    server = await startHttpTestServer(() => undefined);
    const url = `http://${server.host}/v2/`;
    await server.close();
    server = undefined;
    const error = await get(url).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect(errorText(error)).toBe("ECONNREFUSED");
  });

  it("a body cut off before its Content-Length fails the reader instead of ending short", async () => {
    server = await startHttpTestServer((_req, res) => {
      res.writeHead(200, { "content-length": "100000" });
      res.write(new Uint8Array(1000));
      setTimeout(() => res.destroy(), 50);
    });
    const res = await get(`http://${server.host}/blob`);
    await expect(text(res.body)).rejects.toThrow("terminated");
  });

  it("decodes a content-encoding the server applied anyway (gzip, br), as fetch does", async () => {
    const body = "manifest ".repeat(1000);
    server = await startHttpTestServer((req, res) => {
      if (req.url === "/gzip") res.writeHead(200, { "content-encoding": "gzip" }).end(gzipSync(body));
      else res.writeHead(200, { "content-encoding": "x-unknown" }).end("raw");
    });
    expect(await text((await get(`http://${server.host}/gzip`)).body)).toBe(body);
    expect(await text((await get(`http://${server.host}/other`)).body)).toBe("raw");
  });

  it("refuses a body wrapped in more content codings than fetch undoes (each costs a decoder)", async () => {
    server = await startHttpTestServer((_req, res) => {
      res.writeHead(200, { "content-encoding": Array(6).fill("gzip").join(", ") }).end("x");
    });
    const error = await get(`http://${server.host}/many`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect(errorText(error)).toBe("more than 5 content-encodings");
  });

  it("refuses other schemes", async () => {
    await expect(get("ftp://127.0.0.1/x")).rejects.toThrow(TypeError);
  });
});
