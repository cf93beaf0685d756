import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApi, type TestApi } from "./support/start-api.js";

const METHODS = ["get", "put", "post", "delete", "patch"] as const;
const WRITE_METHODS = new Set(["put", "post", "delete", "patch"]);

interface Operation {
  method: string;
  path: string;
  op: any;
}

describe("OpenAPI document", () => {
  let api: TestApi;
  let doc: any;
  let operations: Operation[];
  beforeAll(async () => {
    api = await startApi();
    doc = (await api.request("GET", "/openapi.json", { token: null })).body;
    operations = Object.entries(doc.paths).flatMap(([path, item]: [string, any]) =>
      METHODS.filter((m) => item[m]).map((method) => ({ method, path, op: item[method] })),
    );
  });
  afterAll(() => api.cleanup());

  it("is OpenAPI 3.1 with bearer auth, a relative server and described tags", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: "http", scheme: "bearer" });
    expect(doc.servers).toEqual([{ url: "/", description: expect.any(String) }]);
    for (const tag of doc.tags) expect(tag.description, tag.name).toMatch(/\w/);
  });

  // The operation ids are public API (client generators name methods after them): extend, never rename.
  it.each([
    ["get", "/v1/health", "getHealth"],
    ["get", "/v1/ready", "getReadiness"],
    ["get", "/v1/me", "getMe"],
    ["post", "/v1/orgs", "createOrganization"],
    ["get", "/v1/orgs/{orgId}", "getOrganization"],
    ["post", "/v1/orgs/{orgId}/projects", "createProject"],
    ["get", "/v1/orgs/{orgId}/projects", "listProjects"],
    ["post", "/v1/orgs/{orgId}/tokens", "createToken"],
    ["get", "/v1/orgs/{orgId}/tokens", "listTokens"],
    ["delete", "/v1/orgs/{orgId}/tokens/{tokenId}", "revokeToken"],
    ["post", "/v1/orgs/{orgId}/credentials", "createCredential"],
    ["get", "/v1/orgs/{orgId}/credentials", "listOrganizationCredentials"],
    ["get", "/v1/orgs/{orgId}/credentials/{credentialId}", "getOrganizationCredential"],
    ["delete", "/v1/orgs/{orgId}/credentials/{credentialId}", "deleteCredential"],
    ["put", "/v1/orgs/{orgId}/credentials/{credentialId}/secret", "rotateCredentialSecret"],
    ["post", "/v1/orgs/{orgId}/credentials/{credentialId}/verify", "verifyCredential"],
    ["get", "/v1/projects/{projectId}/credentials", "listProjectCredentials"],
    ["get", "/v1/projects/{projectId}/credentials/{credentialId}", "getProjectCredential"],
    ["get", "/v1/projects/{projectId}/credentials/{credentialId}/namespaces", "listNamespaces"],
    ["get", "/v1/projects/{projectId}/credentials/{credentialId}/namespaces/{namespace}/images", "listImages"],
    [
      "get",
      "/v1/projects/{projectId}/credentials/{credentialId}/namespaces/{namespace}/images/{image}/tags",
      "listTags",
    ],
    ["post", "/v1/projects/{projectId}/scans", "startScan"],
    ["get", "/v1/projects/{projectId}/scans", "listScans"],
    ["get", "/v1/projects/{projectId}/scans/{scanId}", "getScan"],
    ["get", "/v1/projects/{projectId}/scans/{scanId}/findings", "listScanFindings"],
    ["get", "/v1/projects/{projectId}/scans/{scanId}/report", "getScanReport"],
    ["get", "/v1/projects/{projectId}/scans/{scanId}/sbom", "getScanSbom"],
    ["post", "/v1/projects/{projectId}/scans/{scanId}/cancel", "cancelScan"],
    ["get", "/v1/advisories/status", "getAdvisoryStatus"],
    ["post", "/v1/admin/advisories/refresh", "refreshAdvisories"],
    ["get", "/v1/orgs/{orgId}/audit-log", "listAuditLog"],
    ["put", "/v1/admin/orgs/{orgId}/features", "setOrganizationFeatures"],
    ["post", "/v1/admin/reencrypt", "reencryptSecrets"],
  ])("documents %s %s as %s", (method, path, operationId) => {
    expect(doc.paths[path]?.[method]?.operationId, `${method} ${path}`).toBe(operationId);
  });

  // Rules every operation follows, so that a new route without them fails here.
  it("every operation has a unique camelCase operationId, a summary, a description and defined tags", () => {
    const tagNames = new Set(doc.tags.map((t: { name: string }) => t.name));
    const ids = operations.map(({ op }) => op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { method, path, op } of operations) {
      const where = `${method} ${path}`;
      expect(op.operationId, where).toMatch(/^[a-z][a-zA-Z0-9]*$/);
      expect(op.summary, where).toMatch(/\w/);
      expect(op.description, where).toMatch(/\w/);
      expect(op.tags?.length, where).toBeGreaterThan(0);
      for (const tag of op.tags) expect(tagNames.has(tag), `${where}: tag ${tag}`).toBe(true);
    }
  });

  it("every operation documents a success schema and the problems it can answer, as Problem documents", () => {
    for (const { method, path, op } of operations) {
      const where = `${method} ${path}`;
      const statuses = Object.keys(op.responses);
      const success = statuses.filter((s) => s.startsWith("2"));
      expect(success.length, where).toBeGreaterThan(0);
      for (const s of success) {
        if (s !== "204")
          expect(Object.values(op.responses[s].content ?? {}).length, `${where} ${s}`).toBeGreaterThan(0);
      }
      for (const s of statuses.filter((x) => /^[45]/.test(x))) {
        const content = op.responses[s].content;
        expect(Object.keys(content), `${where} ${s}`).toEqual(["application/problem+json"]);
        expect(content["application/problem+json"].schema.$ref, `${where} ${s}`).toBe("#/components/schemas/Problem");
      }
      // Everything is rate-limited (by token, or by address without one).
      expect(statuses, where).toContain("429");
      expect(op.responses["429"].headers["Retry-After"], where).toBeDefined();
      const params = op.parameters?.length ?? 0;
      if (params > 0 || op.requestBody) expect(statuses, `${where}: has input`).toContain("400");
      if (WRITE_METHODS.has(method))
        expect(statuses, `${where}: write`).toEqual(expect.arrayContaining(["413", "415"]));
      if (op.security.length > 0) {
        expect(op.security, where).toEqual([{ bearerAuth: [] }]);
        expect(statuses, `${where}: behind a token`).toEqual(expect.arrayContaining(["401", "500", "503"]));
      } else {
        expect(["/v1/health", "/v1/ready"], `${where} needs no token`).toContain(path);
      }
    }
  });

  it("never documents a secret in a response schema", () => {
    const responses = JSON.stringify(operations.map(({ op }) => op.responses));
    expect(responses).not.toMatch(/secretKey|encryptedSecret/);
    expect(doc.components.schemas.Credential.properties.secretKey).toBeUndefined();
  });

  // The answers each operation really gives (no token, an over-long id, a body that is not JSON, a
  // body over 64 KiB, unknown ids) are all among the statuses it documents.
  it("every answer an operation gives to a sweep of bad requests is one it documents", async () => {
    const unknownId = "00000000-0000-4000-8000-000000000000";
    const fill = (path: string, value: string) => path.replace(/\{[^}]+\}/g, value);
    for (const { method, path, op } of operations) {
      const where = `${method} ${path}`;
      const documented = Object.keys(op.responses);
      const answers: number[] = [];
      const send = async (p: string, options: Parameters<TestApi["request"]>[2] = {}) => {
        const res = await api.request(method.toUpperCase(), p, options);
        answers.push(res.status);
        if (res.status >= 400) expect(res.headers.get("content-type"), where).toBe("application/problem+json");
        return res;
      };
      if (op.security.length > 0) expect((await send(fill(path, unknownId), { token: null })).status, where).toBe(401);
      if (path.includes("{")) expect((await send(fill(path, "x".repeat(301)))).status, where).toBe(400);
      if (WRITE_METHODS.has(method)) {
        const notJson = await send(fill(path, unknownId), {
          rawBody: "name=x",
          headers: { "content-type": "text/plain" },
        });
        expect(notJson.status, where).toBe(415);
        const huge = await send(fill(path, unknownId), { body: { name: "x".repeat(70 * 1024) } });
        expect(huge.status, where).toBe(413);
      } else {
        await send(fill(path, unknownId));
      }
      for (const status of answers) expect(documented, `${where} answered ${status}`).toContain(String(status));
    }
  });

  it("health and readiness need no token", async () => {
    const res = await api.request("GET", "/v1/health", { token: null });
    expect(res).toMatchObject({ status: 200, body: { status: "ok" } });
    const ready = await api.request("GET", "/v1/ready", { token: null });
    expect(ready).toMatchObject({ status: 200, body: { status: "ready", checks: { database: "ok" } } });
    expect(doc.paths["/v1/ready"].get.responses["503"].content["application/problem+json"]).toBeDefined();
  });
});
