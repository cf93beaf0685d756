import { afterEach, describe, expect, it } from "vitest";
import { domainFailure } from "../../test/support/streams.js";
import { errorForStatus, MAX_ERROR_BODY_BYTES, registryErrorCodes } from "./registry-errors.js";
import { createRegistrySource } from "./registry-source.js";
import { type HttpTestServer, startHttpTestServer, writeFlood } from "./test-support/http-test-server.js";

describe("errorForStatus", () => {
  const context = { registry: "r.example", repository: "ns/app", hasCredentials: true } as const;
  it.each([
    [401, "manifest", "1.0", "", "credential_invalid"],
    [403, "manifest", "1.0", "", "credential_forbidden"],
    [404, "manifest", "1.0", '{"errors":[{"code":"MANIFEST_UNKNOWN"}]}', "tag_not_found"],
    [404, "manifest", "1.0", '{"errors":[{"code":"NAME_UNKNOWN"}]}', "image_not_found"],
    [404, "manifest", `sha256:${"a".repeat(64)}`, "", "image_not_found"],
    [404, "blob", `sha256:${"a".repeat(64)}`, "", "scan_failed"],
    [429, "manifest", "1.0", "", "rate_limited"],
    [500, "manifest", "1.0", "", "upstream_unavailable"],
    [502, "token", undefined, "not json", "upstream_unavailable"],
  ] as const)("HTTP %d on a %s request (%s) is %s", async (status, what, reference, body, code) => {
    const error = await errorForStatus(new Response(body || null, { status }), { ...context, what, reference });
    expect(error.code).toBe(code);
  });
});

describe("registryErrorCodes", () => {
  it.each([
    ["a Distribution error body", '{"errors":[{"code":"NAME_UNKNOWN"},{"code":"DENIED"}]}', ["NAME_UNKNOWN", "DENIED"]],
    ["JSON without errors", '{"message":"no"}', []],
    ["errors that is not a list", '{"errors":"NAME_UNKNOWN"}', []],
    ["null entries", '{"errors":[null,{"code":7}]}', ["", "7"]],
    ["not JSON", "<html>404</html>", []],
    ["JSON cut at the limit", `{"errors":[{"code":"NAME_UNKNOWN","pad":"${"x".repeat(MAX_ERROR_BODY_BYTES)}"}]}`, []],
  ])("reads %s", async (_name, body, codes) => {
    expect(await registryErrorCodes(new Response(body, { status: 404 }))).toEqual(codes);
  });

  it("reads at most the bytes it keeps, then cancels the body", async () => {
    let pulled = 0;
    let cancelled = false;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 16384;
        controller.enqueue(new Uint8Array(16384).fill(0x20));
      },
      cancel() {
        cancelled = true;
      },
    });
    expect(await registryErrorCodes(new Response(endless, { status: 404 }))).toEqual([]);
    expect(cancelled).toBe(true);
    expect(pulled).toBeLessThanOrEqual(MAX_ERROR_BODY_BYTES + 2 * 16384);
  });

  it("does not read a body announced larger than it keeps", async () => {
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(1024));
      },
    });
    const res = new Response(body, { status: 404, headers: { "content-length": String(500 * 1024 * 1024) } });
    expect(await registryErrorCodes(res)).toEqual([]);
    expect(pulled).toBeLessThanOrEqual(1); // at most what the stream buffered on its own
  });
});

describe("a registry that answers errors with huge bodies", () => {
  let server: HttpTestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it.each([
    ["chunked (no Content-Length)", false],
    ["with its Content-Length", true],
  ])(
    "a 404 with a 128 MiB body, %s, is read no further than the error-body limit",
    async (_name, announce) => {
      const size = 128 * 1024 * 1024;
      server = await startHttpTestServer(async (req, res, { count }) => {
        if (req.url === "/v2/") return void res.writeHead(200, { "content-type": "application/json" }).end("{}");
        res.writeHead(404, {
          "content-type": "application/json",
          ...(announce ? { "content-length": String(size) } : {}),
        });
        await writeFlood(res, size, { fill: '{"errors":[', count });
      });
      const source = createRegistrySource({ ref: `docker://${server.host}/ns/app:1.0`, insecure: true });
      const started = Date.now();
      const error = await domainFailure(source.resolve());
      expect(["tag_not_found", "image_not_found"]).toContain(error.code);
      // The socket buffers a few MiB at most; reading the whole body would take all 2 × 128 MiB.
      expect(server.bytesWritten()).toBeLessThan(16 * 1024 * 1024);
      expect(Date.now() - started).toBeLessThan(10_000);
    },
    30_000,
  );
});
