/**
 * The Worker serves the API (the same Hono app as on Node) against a Turso-like database over
 * HTTP: bootstrap on an empty database, credentials, browsing through the fake Scaleway API.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, captureLogs, controls, expectNoLeak, setUpCredential, world } from "./worker-client.js";
import { BOOTSTRAP_TOKEN } from "./worker-world.js";

describe.skipIf(!world.available)(`the Worker's HTTP API ${world.skipReason}`, () => {
  let logs: ReturnType<typeof captureLogs>;
  beforeAll(() => {
    logs = captureLogs();
  });
  afterAll(() => {
    logs.restore();
    expectNoLeak(world.registryPassword, logs.lines);
    expectNoLeak(BOOTSTRAP_TOKEN, logs.lines);
  });

  it("runs in workerd and bootstraps the empty database on its first request", async () => {
    expect(navigator.userAgent).toBe("Cloudflare-Workers");
    const me = await call("GET", "/v1/me");
    expect(me.status, me.text).toBe(200);
    expect(me.body.organizations).toEqual([expect.objectContaining({ name: "default" })]);
    expect((await call("GET", "/v1/health", { token: null })).body).toEqual({ status: "ok" });
    const anonymous = await call("GET", "/v1/me", { token: null });
    expect(anonymous).toMatchObject({ status: 401, body: { code: "unauthenticated" } });
  });

  it("stores a credential checked against Scaleway, the secret in no response and not in plain text", async () => {
    const { orgId, credentialId } = await setUpCredential();
    const listed = await call("GET", `/v1/orgs/${orgId}/credentials/${credentialId}`);
    expect(listed.body).toMatchObject({ id: credentialId, namespace: "regscan", status: "active" });
    expect(listed.text).not.toContain(world.registryPassword);
    expect(await controls.dbContains(world.registryPassword)).toBe(false);
    expect(await controls.dbContains(credentialId)).toBe(true);
  });

  it("browses namespaces, images and tags through the fake Scaleway API, repeated listings from the cache", async () => {
    const { projectId, credentialId } = await setUpCredential();
    const base = `/v1/projects/${projectId}/credentials/${credentialId}/namespaces`;
    const namespaces = await call("GET", base);
    expect(namespaces.status, namespaces.text).toBe(200);
    expect(namespaces.body.items.map((n: { name: string }) => n.name)).toEqual(["regscan"]);
    const images = await call("GET", `${base}/regscan/images`);
    expect(images.body.items.map((i: { name: string }) => i.name).sort()).toEqual([
      "app",
      "base",
      "big",
      "corrupt",
      "multi",
    ]);
    const tags = await call("GET", `${base}/regscan/images/base/tags`);
    expect(tags.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: "latest", imageRef: `${world.registryHost}/regscan/base:latest` }),
      ]),
    );
    const before = await controls.scalewayRequests();
    expect((await call("GET", `${base}/regscan/images/base/tags`)).body).toEqual(tags.body);
    expect(await controls.scalewayRequests()).toBe(before);
    await call("GET", `${base}/regscan/images/base/tags?refresh=true`);
    expect(await controls.scalewayRequests()).toBeGreaterThan(before);
  });

  it("serves the OpenAPI document and the docs page", async () => {
    const doc = await call("GET", "/openapi.json", { token: null });
    expect(doc.body).toMatchObject({ openapi: "3.1.0", info: { title: "regscan API" } });
    const docs = await call("GET", "/docs", { token: null });
    expect([docs.status, docs.headers.get("content-type")]).toEqual([200, expect.stringContaining("text/html")]);
    // A Worker cannot ship the viewer script: the page loads the pinned version from the CDN.
    expect(docs.text).toContain("https://cdn.jsdelivr.net/npm/@scalar/api-reference@");
  });

  it("counts requests against the token's budget on the rate-limiting binding (RateLimit-Policy)", async () => {
    const res = await call("GET", "/v1/me");
    expect(res.headers.get("ratelimit-policy")).toBe("600;w=60");
    expect(res.headers.get("ratelimit-limit")).toBe("600");
    expect(res.text).not.toContain(BOOTSTRAP_TOKEN);
  });
});
