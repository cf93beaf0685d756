import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApi, type TestApi } from "./support/start-api.js";

describe("OpenAPI document and docs page", () => {
  let api: TestApi;
  let doc: any;
  beforeAll(async () => {
    api = await startApi();
    doc = (await api.request("GET", "/openapi.json", { token: null })).body;
  });
  afterAll(() => api.cleanup());

  it("is OpenAPI 3.1 with bearer auth", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: "http", scheme: "bearer" });
  });

  it.each([
    ["get", "/v1/health"],
    ["get", "/v1/ready"],
    ["get", "/v1/me"],
    ["post", "/v1/orgs"],
    ["get", "/v1/orgs/{orgId}"],
    ["post", "/v1/orgs/{orgId}/projects"],
    ["get", "/v1/orgs/{orgId}/projects"],
    ["post", "/v1/orgs/{orgId}/tokens"],
    ["get", "/v1/orgs/{orgId}/tokens"],
    ["delete", "/v1/orgs/{orgId}/tokens/{tokenId}"],
    ["post", "/v1/orgs/{orgId}/credentials"],
    ["get", "/v1/orgs/{orgId}/credentials"],
    ["get", "/v1/orgs/{orgId}/credentials/{credentialId}"],
    ["delete", "/v1/orgs/{orgId}/credentials/{credentialId}"],
    ["put", "/v1/orgs/{orgId}/credentials/{credentialId}/secret"],
    ["post", "/v1/orgs/{orgId}/credentials/{credentialId}/verify"],
    ["get", "/v1/projects/{projectId}/credentials"],
    ["get", "/v1/projects/{projectId}/credentials/{credentialId}"],
    ["get", "/v1/projects/{projectId}/credentials/{credentialId}/namespaces"],
    ["get", "/v1/projects/{projectId}/credentials/{credentialId}/namespaces/{namespace}/images"],
    ["get", "/v1/projects/{projectId}/credentials/{credentialId}/namespaces/{namespace}/images/{image}/tags"],
    ["get", "/v1/orgs/{orgId}/audit-log"],
    ["put", "/v1/admin/orgs/{orgId}/features"],
    ["post", "/v1/admin/reencrypt"],
  ])("documents %s %s with a success schema and problem responses", (method, path) => {
    const op = doc.paths[path]?.[method];
    expect(op, `${method} ${path}`).toBeDefined();
    const success = Object.entries(op.responses).find(([status]) => status.startsWith("2"));
    expect(success).toBeDefined();
    if (path !== "/v1/health" && path !== "/v1/ready") {
      expect(op.responses["401"].content["application/problem+json"].schema.$ref).toBe("#/components/schemas/Problem");
      expect(op.security).toEqual([{ bearerAuth: [] }]);
    }
  });

  it("never documents a secret in a response schema", () => {
    const responses = JSON.stringify(
      Object.values(doc.paths).flatMap((ops: any) => Object.values(ops).map((op: any) => op.responses)),
    );
    expect(responses).not.toMatch(/secretKey|encryptedSecret/);
    expect(doc.components.schemas.Credential.properties.secretKey).toBeUndefined();
  });

  it("serves an interactive docs page bound to /openapi.json", async () => {
    const res = await api.request("GET", "/docs", { token: null });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/html");
    expect(res.text).toContain("/openapi.json");
  });

  it("health and readiness need no token", async () => {
    const res = await api.request("GET", "/v1/health", { token: null });
    expect(res).toMatchObject({ status: 200, body: { status: "ok" } });
    const ready = await api.request("GET", "/v1/ready", { token: null });
    expect(ready).toMatchObject({ status: 200, body: { status: "ready", checks: { database: "ok" } } });
    expect(doc.paths["/v1/ready"].get.responses["503"].content["application/problem+json"]).toBeDefined();
  });
});
