import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultOrg, issueToken } from "./support/fixtures.js";
import { type ApiResponse, BOOTSTRAP_TOKEN, startApi, type TestApi } from "./support/start-api.js";

/** The RateLimit-* header fields of an answer. */
const limits = (res: ApiResponse) => ({
  limit: res.headers.get("ratelimit-limit"),
  remaining: res.headers.get("ratelimit-remaining"),
  reset: Number(res.headers.get("ratelimit-reset")),
  policy: res.headers.get("ratelimit-policy"),
});

function expectRateLimited(res: ApiResponse, who: RegExp) {
  expect(res.status, res.text).toBe(429);
  expect(res.headers.get("content-type")).toBe("application/problem+json");
  expect(res.body).toMatchObject({ status: 429, code: "rate_limited", details: { limit: 5, windowSeconds: 60 } });
  expect(res.body.detail).toMatch(who);
  const { limit, remaining, reset } = limits(res);
  expect({ limit, remaining }).toEqual({ limit: "5", remaining: "0" });
  expect(reset).toBeGreaterThanOrEqual(1);
  expect(reset).toBeLessThanOrEqual(60);
  expect(res.headers.get("retry-after")).toBe(String(reset));
  expect(res.body.details.retryAfterSeconds).toBe(reset);
}

describe("per-token rate limit (REGSCAN_RATE_LIMIT_PER_MINUTE=5)", () => {
  let api: TestApi;
  let orgId: string;
  let other: string;
  beforeAll(async () => {
    api = await startApi({ env: { REGSCAN_RATE_LIMIT_PER_MINUTE: "5" } });
    // Two of the bootstrap token's five requests.
    ({ orgId } = await defaultOrg(api));
    other = await issueToken(api, orgId, "second", { org: ["manage_members"], projects: {} });
  });
  afterAll(() => api.cleanup());

  it("answers the 6th request of a token in a minute with 429 rate_limited, Retry-After and the RateLimit headers", async () => {
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await api.request("GET", "/v1/me"));
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(answers.map((r) => limits(r).remaining)).toEqual(["2", "1", "0"]);
    expect(limits(answers[0]!)).toMatchObject({ limit: "5", policy: "5;w=60" });
    expectRateLimited(await api.request("GET", "/v1/me"), /this token may send 5 per 60 s/);
    expect(api.logged("request").at(-1)).toMatchObject({ status: 429, code: "rate_limited" });
  });

  it("does not run a refused request", async () => {
    const res = await api.request("POST", `/v1/orgs/${orgId}/projects`, { body: { name: "never-created" } });
    expectRateLimited(res, /this token/);
    const projects = await api.request("GET", `/v1/orgs/${orgId}/projects`, { token: other });
    expect(projects.status, projects.text).toBe(200);
    expect(projects.body.items.map((p: { name: string }) => p.name)).not.toContain("never-created");
  });

  it("counts another token on its own", async () => {
    // `other` made one request in the test above.
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await api.request("GET", "/v1/me", { token: other }));
    expect(answers.map((r) => [r.status, limits(r).remaining])).toEqual([
      [200, "3"],
      [200, "2"],
      [200, "1"],
      [200, "0"],
    ]);
    expectRateLimited(await api.request("GET", "/v1/me", { token: other }), /this token/);
  });

  it("counts requests without a valid token by client address, apart from the tokens", async () => {
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await api.request("GET", "/v1/health", { token: null }));
    // An unknown token is no token: counted by address too (and answered 401 while under the limit).
    answers.push(await api.request("GET", "/v1/me", { token: "rgs_unknown-token-0000000000000000" }));
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200, 401]);
    expect(limits(answers[4]!).remaining).toBe("0");
    expectRateLimited(await api.request("GET", "/v1/health", { token: null }), /this address/);
    expectRateLimited(
      await api.request("GET", "/v1/me", { token: "rgs_unknown-token-0000000000000000" }),
      /this address/,
    );
    expectRateLimited(await api.request("GET", "/openapi.json", { token: null }), /this address/);
  });
});

describe("the address limit and the token limit are apart", () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi({ env: { REGSCAN_RATE_LIMIT_PER_MINUTE: "5" } });
  });
  afterAll(() => api.cleanup());

  it("an address that used up its limit without a token still gets its token's requests through", async () => {
    for (let i = 0; i < 5; i++) expect((await api.request("GET", "/v1/health", { token: null })).status).toBe(200);
    expectRateLimited(await api.request("GET", "/v1/ready", { token: null }), /this address/);
    const me = await api.request("GET", "/v1/me", { token: BOOTSTRAP_TOKEN });
    expect(me.status).toBe(200);
    expect(limits(me).remaining).toBe("4");
  });
});

describe("rate limit off (REGSCAN_RATE_LIMIT_PER_MINUTE=0) and by default", () => {
  let off: TestApi;
  let byDefault: TestApi;
  beforeAll(async () => {
    [off, byDefault] = await Promise.all([startApi({ env: { REGSCAN_RATE_LIMIT_PER_MINUTE: "0" } }), startApi()]);
  });
  afterAll(async () => {
    await off.cleanup();
    await byDefault.cleanup();
  });

  it("0 turns it off: no 429 and no RateLimit headers", async () => {
    const statuses = [];
    for (let i = 0; i < 30; i++) {
      const res = await off.request("GET", i % 2 ? "/v1/me" : "/v1/health", { token: i % 2 ? undefined : null });
      statuses.push(res.status);
      expect(res.headers.get("ratelimit-limit")).toBeNull();
    }
    expect(new Set(statuses)).toEqual(new Set([200]));
  });

  it("is 600 per minute by default", async () => {
    const res = await byDefault.request("GET", "/v1/me");
    expect(limits(res)).toMatchObject({ limit: "600", remaining: "599", policy: "600;w=60" });
    const problem = await byDefault.request("GET", "/v1/orgs/nope");
    expect(problem.status).toBe(404);
    expect(limits(problem)).toMatchObject({ limit: "600", remaining: "598" });
  });
});
