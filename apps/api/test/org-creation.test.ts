import { afterEach, describe, expect, it } from "vitest";
import { defaultOrg, issueToken } from "./support/fixtures.js";
import { startApi, type TestApi } from "./support/start-api.js";

const apis: TestApi[] = [];
afterEach(async () => {
  for (const api of apis.splice(0)) await api.cleanup();
});

async function withReader(env: Record<string, string> = {}) {
  const api = await startApi({ env });
  apis.push(api);
  const { orgId, projectId } = await defaultOrg(api);
  const reader = await issueToken(api, orgId, "ci-read", { org: [], projects: { [projectId]: ["read"] } });
  const manager = await issueToken(api, orgId, "members", { org: ["manage_members"], projects: {} });
  return { api, orgId, reader, manager };
}

describe("creating organizations", () => {
  it("is an instance-admin action by default: a project-read CI token gets 403", async () => {
    const { api, reader, manager } = await withReader();
    for (const token of [reader, manager]) {
      const res = await api.request("POST", "/v1/orgs", { token, body: { name: "mine" } });
      expect(res.status, res.text).toBe(403);
      expect(res.body.code).toBe("forbidden");
      expect(res.body.detail).toMatch(/REGSCAN_ORG_CREATION/);
    }
    const me = await api.request("GET", "/v1/me");
    expect(me.body.organizations).toHaveLength(1);
  }, 30_000);

  it("gives new organizations no features by default; the bootstrap organization keeps all", async () => {
    const { api, orgId } = await withReader();
    const created = await api.request("POST", "/v1/orgs", { body: { name: "acme" } });
    expect(created.status, created.text).toBe(201);
    expect(created.body.features).toEqual([]);
    expect((await api.request("GET", `/v1/orgs/${orgId}`)).body.features).toEqual(["container_scanning"]);
  }, 30_000);

  it("REGSCAN_ORG_CREATION=any opens it to any token; REGSCAN_DEFAULT_FEATURES sets the features", async () => {
    const { api, reader } = await withReader({
      REGSCAN_ORG_CREATION: "any",
      REGSCAN_DEFAULT_FEATURES: "container_scanning",
    });
    const created = await api.request("POST", "/v1/orgs", { token: reader, body: { name: "team" } });
    expect(created.status, created.text).toBe(201);
    expect(created.body.features).toEqual(["container_scanning"]);
    const me = await api.request("GET", "/v1/me", { token: reader });
    expect(me.body.organizations.find((o: { id: string }) => o.id === created.body.id)).toMatchObject({
      name: "team",
      permissions: ["manage_integration", "manage_members"],
    });
  }, 30_000);
});
