import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { credentialBody, defaultOrg, SECRET_A } from "./support/fixtures.js";
import { expectNoLeak, startApi, type TestApi } from "./support/start-api.js";

/** Sends raw bytes over one connection and returns what the server answered before closing. */
function rawExchange(port: number, request: string | Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => socket.end(request));
    let answer = "";
    socket.on("data", (d) => (answer += d.toString("utf8")));
    socket.on("end", () => resolve(answer));
    socket.on("error", reject);
  });
}

describe("HTTP faults answer problem+json", () => {
  let api: TestApi;
  let orgId: string;
  let projectId: string;
  beforeAll(async () => {
    api = await startApi();
    ({ orgId, projectId } = await defaultOrg(api));
  });
  afterAll(async () => {
    expectNoLeak(api, [SECRET_A]);
    await api.cleanup();
  });

  const writes = () => [
    { method: "POST", path: "/v1/orgs", body: { name: "acme" } },
    { method: "POST", path: `/v1/orgs/${orgId}/projects`, body: { name: "web" } },
    { method: "POST", path: `/v1/orgs/${orgId}/tokens`, body: { name: "ci", permissions: { org: [], projects: {} } } },
    { method: "POST", path: `/v1/orgs/${orgId}/credentials?verify=false`, body: credentialBody() },
    { method: "PUT", path: `/v1/orgs/${orgId}/credentials/c-1/secret?verify=false`, body: { secretKey: SECRET_A } },
    { method: "PUT", path: `/v1/admin/orgs/${orgId}/features`, body: { features: [] } },
    { method: "POST", path: `/v1/orgs/${orgId}/credentials/c-1/verify`, body: {} },
  ];
  const contentTypes = ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", null];

  it.each(contentTypes)(
    "a write with Content-Type %s is 415 unsupported_media_type on every write route",
    async (type) => {
      for (const { method, path, body } of writes()) {
        const headers: Record<string, string> = type ? { "content-type": type } : {};
        const res = await fetch(api.url + path, {
          method,
          headers: { authorization: "Bearer rgs_test-bootstrap-token-0123456789", ...headers },
          body: new TextEncoder().encode(JSON.stringify(body)),
        });
        const problem = await res.json();
        expect(res.status, `${method} ${path}`).toBe(415);
        expect(res.headers.get("content-type")).toContain("application/problem+json");
        expect(problem).toMatchObject({ status: 415, code: "unsupported_media_type" });
        expect(problem.detail).toMatch(/application\/json/);
      }
      expect((await api.request("GET", `/v1/orgs/${orgId}/credentials`)).body.items).toEqual([]);
      expect(api.logged("request failed")).toEqual([]); // nothing was an internal error
    },
  );

  it("accepts JSON with a charset and `+json` media types", async () => {
    for (const type of ["application/json; charset=utf-8", "application/merge-patch+json"]) {
      const res = await api.request("POST", `/v1/orgs/${orgId}/projects`, {
        rawBody: JSON.stringify({ name: `p-${type.length}` }),
        headers: { "content-type": type },
      });
      expect(res.status, type).toBe(201);
    }
  });

  it("refuses a body that is not valid UTF-8 instead of replacing the bytes", async () => {
    const bytes = new Uint8Array([
      ...new TextEncoder().encode('{"name":"caf'),
      0xe9,
      ...new TextEncoder().encode('"}'),
    ]);
    const res = await api.request("POST", `/v1/orgs/${orgId}/projects`, { rawBody: bytes });
    expect(res.status, res.text).toBe(400);
    expect(res.body).toMatchObject({ code: "validation_failed", details: { fields: [{ path: "body" }] } });
    expect(res.body.detail).toMatch(/UTF-8/);
    const projects = (await api.request("GET", `/v1/orgs/${orgId}/projects`)).body.items;
    expect(projects.some((p: { name: string }) => p.name.includes("\ufffd"))).toBe(false);
  });

  it.each([
    { method: "DELETE", path: () => "/v1/me", allow: "GET, HEAD" },
    { method: "PUT", path: () => "/v1/orgs", allow: "POST" },
    { method: "PATCH", path: () => `/v1/orgs/${orgId}/credentials`, allow: "GET, HEAD, POST" },
    { method: "POST", path: () => `/v1/orgs/${orgId}/tokens/t-1`, allow: "DELETE" },
    { method: "DELETE", path: () => "/v1/health", allow: "GET, HEAD" },
    { method: "POST", path: () => "/v1/ready", allow: "GET, HEAD" },
    { method: "POST", path: () => "/openapi.json", allow: "GET, HEAD" },
  ])("$method on a path without it is 405 with Allow: $allow", async ({ method, path, allow }) => {
    const res = await api.request(method, path());
    expect(res.status, res.text).toBe(405);
    expect(res.headers.get("allow")).toBe(allow);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    expect(res.body).toMatchObject({ status: 405, code: "method_not_allowed", details: { allow: allow.split(", ") } });
  });

  it("an unknown path is still 404", async () => {
    const res = await api.request("DELETE", `/v1/projects/${projectId}/nothing-here`);
    expect(res.status).toBe(404);
    expect(res.body.code).toBe("not_found");
  });

  it("an oversized header block is 431 headers_too_large as problem+json, not a bare close", async () => {
    const answer = await rawExchange(
      api.port,
      `GET /v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: ${"a".repeat(20_000)}\r\n\r\n`,
    );
    const [head = "", body = ""] = answer.split("\r\n\r\n");
    expect(head).toMatch(/^HTTP\/1\.1 431 /);
    expect(head.toLowerCase()).toContain("content-type: application/problem+json");
    expect(JSON.parse(body)).toMatchObject({ status: 431, code: "headers_too_large" });
  });

  it("a request that is not HTTP is 400 as problem+json", async () => {
    const answer = await rawExchange(api.port, "HELLO\r\n\r\n");
    const [head = "", body = ""] = answer.split("\r\n\r\n");
    expect(head).toMatch(/^HTTP\/1\.1 400 /);
    expect(JSON.parse(body)).toMatchObject({ status: 400, code: "validation_failed" });
  });

  it("logs each problem's code on the request line", async () => {
    await api.request("DELETE", "/v1/me");
    expect(api.logged("request").some((l) => l.status === 405 && l.code === "method_not_allowed")).toBe(true);
  });
});

describe("free text is refused when it holds control, bidi or invisible characters", () => {
  let api: TestApi;
  let orgId: string;
  beforeAll(async () => {
    api = await startApi();
    ({ orgId } = await defaultOrg(api));
  });
  afterAll(() => api.cleanup());

  const fields = () => [
    { what: "organization name", path: "/v1/orgs", body: (v: string) => ({ name: v }), field: "name" },
    { what: "project name", path: `/v1/orgs/${orgId}/projects`, body: (v: string) => ({ name: v }), field: "name" },
    {
      what: "token name",
      path: `/v1/orgs/${orgId}/tokens`,
      body: (v: string) => ({ name: v, permissions: { org: [], projects: {} } }),
      field: "name",
    },
    {
      what: "credential description",
      path: `/v1/orgs/${orgId}/credentials?verify=false`,
      body: (v: string) => credentialBody({ description: v }),
      field: "description",
    },
  ];

  it.each([
    { name: "a NUL", value: "prod\u0000", codePoint: "U+0000", position: 5 },
    { name: "a terminal escape", value: "\u001b[31mprod", codePoint: "U+001B", position: 1 },
    { name: "a C1 control", value: "pr\u009bod", codePoint: "U+009B", position: 3 },
    { name: "a bidi override", value: "prod\u202etxt.exe", codePoint: "U+202E", position: 5 },
    { name: "a bidi isolate", value: "a\u2067b", codePoint: "U+2067", position: 2 },
  ])("refuses $name in every free-text field, naming the code point and position", async (row) => {
    for (const { what, path, body, field } of fields()) {
      const res = await api.request("POST", path, { body: body(row.value) });
      expect(res.status, `${what}: ${res.text}`).toBe(400);
      expect(res.body.code).toBe("validation_failed");
      expect(res.body.details.fields).toEqual([{ path: field, message: expect.stringContaining(`${row.codePoint}`) }]);
      expect(res.body.detail).toContain(`position ${row.position}`);
    }
    const me = await api.request("GET", "/v1/me");
    expect(me.body.organizations).toHaveLength(1);
    expect((await api.request("GET", `/v1/orgs/${orgId}/credentials`)).body.items).toEqual([]);
  });

  it("accepts names in any script, with emoji", async () => {
    const res = await api.request("POST", `/v1/orgs/${orgId}/projects`, { body: { name: "équipe 開発 👩‍💻" } });
    expect(res.status, res.text).toBe(201);
    expect(res.body.name).toBe("équipe 開発 👩‍💻");
  });
});
