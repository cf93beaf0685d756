import { type FakeScaleway, FakeScalewayState, startFakeScaleway } from "@regscan/scaleway-adapter/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { credentialBody, defaultOrg, SCW_PROJECT_ID } from "./support/fixtures.js";
import { expectNoLeak, startApi, type TestApi } from "./support/start-api.js";

const KEY = "5ec7e7a1-cccc-4ccc-8ccc-00000000000c";
const REVOKED_KEY = "5ec7e7a1-dddd-4ddd-8ddd-00000000000d";
const NO_REGISTRY_KEY = "5ec7e7a1-eeee-4eee-8eee-00000000000e";
const OTHER_PROJECT_KEY = "5ec7e7a1-ffff-4fff-8fff-00000000000f";
const ALL_KEYS = [KEY, REVOKED_KEY, NO_REGISTRY_KEY, OTHER_PROJECT_KEY];
const OTHER_PROJECT = "99999999-2222-4333-8444-555555555555";

async function listAll(api: TestApi, path: string): Promise<Array<{ name: string; [k: string]: unknown }>> {
  const items: Array<{ name: string }> = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const sep = path.includes("?") ? "&" : "?";
    const res: { status: number; text: string; body: any } = await api.request(
      "GET",
      `${path}${sep}limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
    );
    expect(res.status, res.text).toBe(200);
    items.push(...res.body.items);
    cursor = res.body.nextCursor;
    pages += 1;
    expect(pages).toBeLessThan(20);
  } while (cursor);
  return items;
}

describe("browsing Scaleway through the HTTP API", () => {
  let fake: FakeScaleway;
  let api: TestApi;
  let orgId: string;
  let projectId: string;
  let credentialId: string;
  const base = () => `/v1/projects/${projectId}/credentials/${credentialId}/namespaces`;

  beforeAll(async () => {
    const state = new FakeScalewayState();
    state.addKey(KEY, { projects: [SCW_PROJECT_ID] });
    state.addKey(REVOKED_KEY, { projects: "all", revoked: true });
    state.addKey(NO_REGISTRY_KEY, { projects: "all", hasRegistryPermission: false });
    state.addKey(OTHER_PROJECT_KEY, { projects: [OTHER_PROJECT] });
    const home = state.addNamespace({ name: "my-namespace", projectId: SCW_PROJECT_ID });
    for (let i = 0; i < 249; i++)
      state.addNamespace({ name: `ns-${String(i).padStart(3, "0")}`, projectId: SCW_PROJECT_ID });
    state.addNamespace({ name: "amsterdam-only", projectId: SCW_PROJECT_ID, region: "nl-ams" });
    const apiImage = state.addImage(home, { name: "api", size: 1234 });
    for (let i = 0; i < 230; i++) state.addTag(apiImage, { name: `1.0.${i}` });
    const nested = state.addImage(home, { name: "team/web" });
    state.addTag(nested, { name: "latest" });
    fake = await startFakeScaleway(state);
    api = await startApi({ env: { REGSCAN_SCALEWAY_API_URL: fake.url, REGSCAN_SCALEWAY_TIMEOUT_SECONDS: "1" } });
    ({ orgId, projectId } = await defaultOrg(api));
    const created = await api.request("POST", `/v1/orgs/${orgId}/credentials`, {
      body: credentialBody({ secretKey: KEY }),
    });
    expect(created.status, created.text).toBe(201);
    expect(created.body.status).toBe("active");
    expect(created.body.lastVerifiedAt).not.toBeNull();
    credentialId = created.body.id;
  });
  afterAll(async () => {
    expectNoLeak(api, ALL_KEYS);
    await api.cleanup();
    await fake.close();
  });

  it("lists all 250 namespaces of the project across pages", async () => {
    const items = await listAll(api, base());
    expect(items).toHaveLength(250);
    expect(new Set(items.map((n) => n.name)).size).toBe(250);
    expect(items.find((n) => n.name === "my-namespace")).toMatchObject({
      region: "fr-par",
      endpoint: "rg.fr-par.scw.cloud/my-namespace",
      imageCount: 2,
      isPublic: false,
      status: "ready",
    });
  });

  it("filters by name with q", async () => {
    const res = await api.request("GET", `${base()}?q=NS-00`);
    expect(res.body.items.map((n: { name: string }) => n.name)).toEqual([
      "ns-000",
      "ns-001",
      "ns-002",
      "ns-003",
      "ns-004",
      "ns-005",
      "ns-006",
      "ns-007",
      "ns-008",
      "ns-009",
    ]);
  });

  it("lists images and all 230 tags with pullable references", async () => {
    const images = await listAll(api, `${base()}/my-namespace/images`);
    expect(images.map((i) => i.name).sort()).toEqual(["api", "team/web"]);
    const tags = await listAll(api, `${base()}/my-namespace/images/api/tags`);
    expect(tags).toHaveLength(230);
    expect(tags[0]).toMatchObject({ imageRef: `rg.fr-par.scw.cloud/my-namespace/api:${tags[0]!.name}` });
    expect(String(tags[0]!.digest)).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it("accepts an image name containing / when URL-encoded", async () => {
    const res = await api.request("GET", `${base()}/my-namespace/images/${encodeURIComponent("team/web")}/tags`);
    expect(res.status, res.text).toBe(200);
    expect(res.body.items).toEqual([
      expect.objectContaining({ name: "latest", imageRef: "rg.fr-par.scw.cloud/my-namespace/team/web:latest" }),
    ]);
  });

  it("serves repeated listings from the cache and refreshes on demand", async () => {
    await api.request("GET", `${base()}/my-namespace/images`);
    const before = fake.requests.length;
    await api.request("GET", `${base()}/my-namespace/images`);
    expect(fake.requests.length).toBe(before);
    await api.request("GET", `${base()}/my-namespace/images?refresh=true`);
    expect(fake.requests.length).toBeGreaterThan(before);
  });

  it.each([
    {
      name: "revoked key",
      body: { secretKey: REVOKED_KEY },
      status: 422,
      code: "credential_invalid",
      detail: /secret key/i,
      scaleway: "denied_authentication",
    },
    {
      name: "key without registry permission",
      body: { secretKey: NO_REGISTRY_KEY },
      status: 422,
      code: "credential_forbidden",
      detail: /Container Registry/i,
      scaleway: "permissions_denied",
    },
    {
      name: "key scoped to another project",
      body: { secretKey: OTHER_PROJECT_KEY },
      status: 422,
      code: "project_scope_mismatch",
      detail: /project/i,
    },
    {
      name: "namespace in another region",
      body: { secretKey: KEY, namespace: "amsterdam-only" },
      status: 404,
      code: "namespace_not_found",
      detail: /nl-ams/,
    },
    {
      name: "misspelt namespace",
      body: { secretKey: KEY, namespace: "my-namespce" },
      status: 404,
      code: "namespace_not_found",
      detail: /did you mean my-namespace/i,
    },
  ])("creating with a $name fails with $code and stores nothing", async ({ body, status, code, detail, scaleway }) => {
    const before = (await api.request("GET", `/v1/orgs/${orgId}/credentials`)).body.items.length;
    const res = await api.request("POST", `/v1/orgs/${orgId}/credentials`, { body: credentialBody(body) });
    expect(res.status, res.text).toBe(status);
    expect(res.body.code).toBe(code);
    expect(res.body.detail).toMatch(detail);
    if (scaleway) expect(res.body.details.scaleway.type).toBe(scaleway);
    expect((await api.request("GET", `/v1/orgs/${orgId}/credentials`)).body.items).toHaveLength(before);
  });

  it("answers image_not_found for an unknown image, naming what to check", async () => {
    const res = await api.request("GET", `${base()}/my-namespace/images/nope/tags`);
    expect(res.status).toBe(404);
    expect(res.body.code).toBe("image_not_found");
    expect(res.body.detail).toMatch(/nope/);
    expect(res.body.detail).toMatch(/my-namespace/);
  });

  it.each([
    {
      name: "keeps answering 429",
      setup: (f: FakeScaleway) => f.rateLimitNext(20, "0"),
      status: 429,
      code: "rate_limited",
    },
    {
      name: "keeps failing with 503",
      setup: (f: FakeScaleway) => f.failNext(20, 503),
      status: 502,
      code: "upstream_unavailable",
    },
  ])(
    "gives up with $code when Scaleway $name",
    async ({ setup, status, code }) => {
      setup(fake);
      try {
        const res = await api.request("GET", `${base()}?refresh=true`);
        expect(res.status, res.text).toBe(status);
        expect(res.body.code).toBe(code);
        expect(res.body.detail).toMatch(/Scaleway/);
        expect(res.headers.get("retry-after")).toBe(status === 429 ? "60" : null);
      } finally {
        fake.resetControls();
      }
    },
    60_000,
  );

  it("retries a 429 honouring Retry-After, then succeeds", async () => {
    fake.rateLimitNext(1, "1");
    const started = Date.now();
    const res = await api.request("GET", `${base()}?refresh=true&limit=1`);
    expect(res.status, res.text).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(fake.requests.some((r) => r.status === 429)).toBe(true);
  });

  it("turns a hung upstream into upstream_unavailable", async () => {
    fake.hangNext(1);
    const res = await api.request("GET", `${base()}/my-namespace/images?refresh=true`);
    expect(res.status).toBe(502);
    expect(res.body.code).toBe("upstream_unavailable");
    expect(res.body.detail).toMatch(/Scaleway/);
  }, 30_000);

  it("re-verifies: a revoked key marks the credential invalid", async () => {
    const created = await api.request("POST", `/v1/orgs/${orgId}/credentials`, {
      body: credentialBody({ secretKey: KEY, namespace: "ns-001" }),
    });
    fake.state.keys.get(KEY)!.revoked = true;
    try {
      const res = await api.request("POST", `/v1/orgs/${orgId}/credentials/${created.body.id}/verify`);
      expect(res.body.code).toBe("credential_invalid");
      const after = await api.request("GET", `/v1/orgs/${orgId}/credentials/${created.body.id}`);
      expect(after.body.status).toBe("invalid");
    } finally {
      fake.state.keys.get(KEY)!.revoked = false;
    }
  });

  it("never follows a redirect with the key to another host", async () => {
    const elsewhere = await startFakeScaleway(new FakeScalewayState());
    try {
      fake.redirectNext(1, `${elsewhere.url}/registry/v1/regions/fr-par/namespaces`);
      const res = await api.request("GET", `${base()}?refresh=true`);
      expect(res.status).toBe(502);
      expect(res.body.code).toBe("upstream_unavailable");
      expect(elsewhere.requests).toEqual([]);
      expect(elsewhere.sawSecret(KEY)).toBe(false);
    } finally {
      fake.resetControls();
      await elsewhere.close();
    }
  });

  it("audits each use of the secret and sends the key to the fake's host only", async () => {
    const audit = await api.request("GET", `/v1/orgs/${orgId}/audit-log?limit=100`);
    expect(audit.body.items.some((e: { action: string }) => e.action === "credential.use")).toBe(true);
    const host = new URL(fake.url).host;
    expect(fake.requests.every((r) => r.host === host)).toBe(true);
    expect(fake.sawSecret(KEY)).toBe(true);
  });
});
