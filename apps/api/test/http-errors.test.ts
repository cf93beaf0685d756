import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { credentialBody, defaultOrg, SECRET_A } from "./support/fixtures.js";
import { expectNoLeak, startApi, type TestApi } from "./support/start-api.js";

describe("bad input gets a clear problem+json error", () => {
  let api: TestApi;
  let orgId: string;
  beforeAll(async () => {
    api = await startApi();
    ({ orgId } = await defaultOrg(api));
  });
  afterAll(async () => {
    expectNoLeak(api, [SECRET_A]);
    await api.cleanup();
  });

  const path = () => `/v1/orgs/${orgId}/credentials?verify=false`;
  it.each([
    {
      name: "malformed JSON",
      rawBody: '{"provider": "scaleway",',
      status: 400,
      code: "validation_failed",
      detail: /JSON/,
    },
    {
      name: "unknown field",
      body: { ...credentialBody(), admin: true },
      status: 400,
      code: "validation_failed",
      detail: /admin/,
    },
    {
      name: "project id not a UUID",
      body: credentialBody({ scalewayProjectId: "not-a-uuid" }),
      status: 400,
      code: "validation_failed",
      detail: /scalewayProjectId/,
    },
    {
      name: "secret key not a UUID",
      body: credentialBody({ secretKey: "SCWXXXXXXXXXXXXXXXXX" }),
      status: 400,
      code: "validation_failed",
      detail: /secretKey/,
    },
    {
      name: "unknown region",
      body: credentialBody({ region: "us-east-1" }),
      status: 400,
      code: "validation_failed",
      detail: /fr-par/,
    },
    {
      name: "namespace with uppercase",
      body: credentialBody({ namespace: "My-Namespace" }),
      status: 400,
      code: "validation_failed",
      detail: /lowercase/i,
    },
    {
      name: "description too long",
      body: credentialBody({ description: "x".repeat(256) }),
      status: 400,
      code: "validation_failed",
      detail: /255/,
    },
    {
      name: "body over 64 KiB",
      rawBody: JSON.stringify({ ...credentialBody(), description: "x".repeat(70_000) }),
      status: 413,
      code: "payload_too_large",
      detail: /64 KiB/,
    },
  ])("$name → $status $code", async ({ body, rawBody, status, code, detail }) => {
    const res = await api.request("POST", path(), { body, rawBody });
    expect(res.status, res.text).toBe(status);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    expect(res.body).toMatchObject({ status, code });
    expect(res.body.detail).toMatch(detail);
    const stored = await api.request("GET", `/v1/orgs/${orgId}/credentials`);
    expect(stored.body.items).toEqual([]);
  });

  it.each([
    { name: "no token", headers: {} as Record<string, string>, token: null },
    { name: "wrong scheme", headers: { authorization: "Basic abc" } as Record<string, string>, token: null },
    { name: "unknown token", headers: {} as Record<string, string>, token: "rgs_unknown-token-value" },
  ])("$name → 401", async ({ headers, token }) => {
    const res = await api.request("GET", "/v1/me", { token, headers });
    expect(res.status).toBe(401);
    expect(res.body.code).toBe("unauthenticated");
  });

  it("an unknown route is a problem+json 404", async () => {
    const res = await api.request("GET", "/v1/nope");
    expect(res.status).toBe(404);
    expect(res.body.code).toBe("not_found");
  });

  it("a bad query value names the parameter", async () => {
    const res = await api.request("GET", `/v1/orgs/${orgId}/audit-log?limit=1000`);
    expect(res.status).toBe(400);
    expect(res.body.details.fields[0].path).toBe("query.limit");
  });
});
