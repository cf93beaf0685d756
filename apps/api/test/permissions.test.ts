import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { credentialBody, defaultOrg, issueToken, SECRET_A } from "./support/fixtures.js";
import { BOOTSTRAP_TOKEN, expectNoLeak, startApi, type TestApi } from "./support/start-api.js";

type Who = "owner" | "integration" | "members" | "reader" | "scanner" | "otherOrg" | "none";

describe("permission matrix over HTTP", () => {
  let api: TestApi;
  const tokens: Partial<Record<Who, string>> = {};
  let orgId: string;
  let projectId: string;
  let credentialId: string;
  let otherOrgId: string;

  beforeAll(async () => {
    api = await startApi();
    ({ orgId, projectId } = await defaultOrg(api));
    tokens.owner = BOOTSTRAP_TOKEN;
    tokens.integration = await issueToken(api, orgId, "integration", { org: ["manage_integration"], projects: {} });
    tokens.members = await issueToken(api, orgId, "members", { org: ["manage_members"], projects: {} });
    tokens.reader = await issueToken(api, orgId, "reader", { org: [], projects: { [projectId]: ["read"] } });
    tokens.scanner = await issueToken(api, orgId, "scanner", { org: [], projects: { [projectId]: ["start_scan"] } });
    const other = await api.request("POST", "/v1/orgs", { body: { name: "org-b" } });
    otherOrgId = other.body.id;
    tokens.otherOrg = await issueToken(api, otherOrgId, "b-owner", {
      org: ["manage_integration", "manage_members"],
      projects: {},
    });
    const created = await api.request("POST", `/v1/orgs/${orgId}/credentials?verify=false`, { body: credentialBody() });
    credentialId = created.body.id;
  });
  afterAll(async () => {
    expectNoLeak(api, [SECRET_A]);
    await api.cleanup();
  });

  const rows: Array<[string, string, () => string, Record<Who, number>, unknown?]> = [
    [
      "create credential",
      "POST",
      () => `/v1/orgs/${orgId}/credentials?verify=false`,
      { owner: 201, integration: 201, members: 403, reader: 403, scanner: 403, otherOrg: 404, none: 401 },
      credentialBody({ namespace: "matrix-ns" }),
    ],
    [
      "list org credentials",
      "GET",
      () => `/v1/orgs/${orgId}/credentials`,
      { owner: 200, integration: 200, members: 403, reader: 403, scanner: 403, otherOrg: 404, none: 401 },
    ],
    [
      "get org credential",
      "GET",
      () => `/v1/orgs/${orgId}/credentials/${credentialId}`,
      { owner: 200, integration: 200, members: 403, reader: 403, scanner: 403, otherOrg: 404, none: 401 },
    ],
    [
      "rotate secret",
      "PUT",
      () => `/v1/orgs/${orgId}/credentials/${credentialId}/secret?verify=false`,
      { owner: 200, integration: 200, members: 403, reader: 403, scanner: 403, otherOrg: 404, none: 401 },
      { secretKey: SECRET_A },
    ],
    [
      "list project credentials",
      "GET",
      () => `/v1/projects/${projectId}/credentials`,
      { owner: 200, integration: 403, members: 403, reader: 200, scanner: 403, otherOrg: 404, none: 401 },
    ],
    [
      "get project credential",
      "GET",
      () => `/v1/projects/${projectId}/credentials/${credentialId}`,
      { owner: 200, integration: 403, members: 403, reader: 200, scanner: 403, otherOrg: 404, none: 401 },
    ],
    [
      "audit log",
      "GET",
      () => `/v1/orgs/${orgId}/audit-log`,
      { owner: 200, integration: 200, members: 403, reader: 403, scanner: 403, otherOrg: 404, none: 401 },
    ],
    [
      "create project",
      "POST",
      () => `/v1/orgs/${orgId}/projects`,
      { owner: 201, integration: 403, members: 201, reader: 403, scanner: 403, otherOrg: 404, none: 401 },
      { name: `p-${Math.floor(performance.now() * 1000)}` },
    ],
    [
      "list tokens",
      "GET",
      () => `/v1/orgs/${orgId}/tokens`,
      { owner: 200, integration: 403, members: 200, reader: 403, scanner: 403, otherOrg: 404, none: 401 },
    ],
    [
      "get org",
      "GET",
      () => `/v1/orgs/${orgId}`,
      { owner: 200, integration: 200, members: 200, reader: 200, scanner: 200, otherOrg: 404, none: 401 },
    ],
    [
      "set features (instance admin)",
      "PUT",
      () => `/v1/admin/orgs/${otherOrgId}/features`,
      { owner: 200, integration: 403, members: 403, reader: 403, scanner: 403, otherOrg: 403, none: 401 },
      { features: ["container_scanning"] },
    ],
  ];
  const whos: Who[] = ["owner", "integration", "members", "reader", "scanner", "otherOrg", "none"];
  const cases = rows.flatMap(([name, method, path, expected, body]) =>
    whos.map((who) => ({ name, who, method, path, status: expected[who], body })),
  );

  it.each(cases)("$name as $who → $status", async ({ who, method, path, status, body }) => {
    const body2 =
      typeof body === "object" && body && "name" in body ? { name: `${(body as { name: string }).name}-${who}` } : body;
    const res = await api.request(method, path(), { token: who === "none" ? null : tokens[who], body: body2 });
    expect(res.status, res.text).toBe(status);
    if (status >= 400) {
      expect(res.headers.get("content-type")).toContain("application/problem+json");
      expect(res.body.code).toBe({ 401: "unauthenticated", 403: "forbidden", 404: "not_found" }[status]);
    }
  });

  it("a token of another organization cannot delete this organization's credential", async () => {
    const res = await api.request("DELETE", `/v1/orgs/${orgId}/credentials/${credentialId}`, {
      token: tokens.otherOrg,
    });
    expect(res.status).toBe(404);
    expect((await api.request("GET", `/v1/orgs/${orgId}/credentials/${credentialId}`)).status).toBe(200);
  });

  it("/v1/me lists what a reader may do", async () => {
    const me = await api.request("GET", "/v1/me", { token: tokens.reader });
    expect(me.status).toBe(200);
    expect(me.body.principal.name).toBe("reader");
    expect(me.body.projects).toEqual([{ id: projectId, orgId, name: "default", permissions: ["read"] }]);
  });

  it("a revoked token is rejected", async () => {
    const value = await issueToken(api, orgId, "short-lived", { org: [], projects: { [projectId]: ["read"] } });
    const list = await api.request("GET", `/v1/orgs/${orgId}/tokens`);
    const id = list.body.items.find((t: { name: string }) => t.name === "short-lived").id;
    expect(JSON.stringify(list.body)).not.toContain(value);
    // Used first, so its principal is in the short-lived cache: the revocation must drop it.
    expect((await api.request("GET", "/v1/me", { token: value })).status).toBe(200);
    expect((await api.request("DELETE", `/v1/orgs/${orgId}/tokens/${id}`)).status).toBe(204);
    const res = await api.request("GET", "/v1/me", { token: value });
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toContain("Bearer");
  });
});
