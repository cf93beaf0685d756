// The short-lived principal cache (REGSCAN_AUTH_CACHE_SECONDS) across two API processes on one
// database: a token revoked through one stops working there at once, and in the other within the
// cache's seconds.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultOrg, issueToken } from "./support/fixtures.js";
import { startApi, type TestApi } from "./support/start-api.js";

describe("a revoked token across two API processes", () => {
  let first: TestApi;
  let second: TestApi;
  const env = { REGSCAN_AUTH_CACHE_SECONDS: "1" };

  beforeAll(async () => {
    first = await startApi({ env });
    second = await startApi({ env, dir: first.dir });
  }, 60_000);

  afterAll(async () => {
    await second?.stop();
    await first?.cleanup();
  });

  it("is refused at once by the process that revoked it and within the cache's TTL by the other", async () => {
    const { orgId, projectId } = await defaultOrg(first);
    const value = await issueToken(first, orgId, "ci", { org: [], projects: { [projectId]: ["read"] } });
    for (const api of [first, second]) expect((await api.request("GET", "/v1/me", { token: value })).status).toBe(200);
    const tokens = await first.request("GET", `/v1/orgs/${orgId}/tokens`);
    const id = tokens.body.items.find((t: { name: string }) => t.name === "ci").id;
    expect((await first.request("DELETE", `/v1/orgs/${orgId}/tokens/${id}`)).status).toBe(204);
    const revokedAt = Date.now();
    expect((await first.request("GET", "/v1/me", { token: value })).status).toBe(401);
    for (;;) {
      const res = await second.request("GET", "/v1/me", { token: value });
      if (res.status === 401) break;
      expect(res.status).toBe(200);
      expect(Date.now() - revokedAt).toBeLessThan(1500);
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(Date.now() - revokedAt).toBeLessThan(1500);
  }, 60_000);
});
