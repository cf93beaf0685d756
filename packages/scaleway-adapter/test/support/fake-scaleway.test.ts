import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeScaleway, startFakeScaleway } from "./index.js";

const KEY = "66666666-6666-4666-8666-666666666666";
const PROJECT = "22222222-2222-4222-8222-222222222222";

describe("fake Scaleway Registry API", () => {
  let fake: FakeScaleway;
  beforeAll(async () => {
    fake = await startFakeScaleway();
    fake.state.addKey(KEY, { projects: [PROJECT] });
    const ns = fake.state.addNamespace({ name: "b-ns", projectId: PROJECT });
    fake.state.addNamespace({ name: "a-ns", projectId: PROJECT });
    fake.state.addTag(fake.state.addImage(ns, { name: "app" }), { name: "latest" });
  });
  afterAll(() => fake.close());

  const get = async (path: string, key: string | null = KEY) => {
    const res = await fetch(`${fake.url}${path}`, { headers: key ? { "x-auth-token": key } : {} });
    return {
      status: res.status,
      type: res.headers.get("content-type"),
      body: (await res.json()) as Record<string, unknown>,
    };
  };
  const base = "/registry/v1/regions/fr-par";

  it.each([
    [
      "no key",
      `${base}/namespaces`,
      null,
      401,
      {
        message: "authentication is denied",
        method: "api_key",
        reason: "invalid_argument",
        type: "denied_authentication",
      },
    ],
    [
      "unknown key",
      `${base}/namespaces`,
      "77777777-7777-4777-8777-777777777777",
      401,
      { message: "authentication is denied", method: "api_key", reason: "not_found", type: "denied_authentication" },
    ],
    [
      "other project",
      `${base}/namespaces?project_id=44444444-4444-4444-8444-444444444444`,
      KEY,
      403,
      {
        details: [{ action: "read", resource: "api_namespace" }],
        message: "insufficient permissions",
        type: "permissions_denied",
      },
    ],
    [
      "missing image",
      `${base}/images/00000000-0000-4000-8000-00000000ffff/tags`,
      KEY,
      404,
      {
        message: "resource is not found",
        resource: "image",
        resource_id: "00000000-0000-4000-8000-00000000ffff",
        type: "not_found",
      },
    ],
    [
      "page_size > 100",
      `${base}/namespaces?page_size=101`,
      KEY,
      400,
      {
        details: [{ argument_name: "page_size", help_message: "must be between 1 and 100", reason: "constraint" }],
        message: "invalid argument(s)",
        type: "invalid_arguments",
      },
    ],
  ])("%s → %i with Scaleway's error body", async (_name, path, key, status, body) => {
    expect(await get(path, key)).toEqual({ status, type: "application/json", body });
  });

  it("pages, orders, filters by exact name and counts", async () => {
    const page = await get(`${base}/namespaces?project_id=${PROJECT}&order_by=name_asc&page=2&page_size=1`);
    expect(page.body).toMatchObject({ namespaces: [{ name: "b-ns" }], total_count: 2 });
    const byName = await get(`${base}/namespaces?name=a-ns`);
    expect(byName.body).toMatchObject({
      namespaces: [{ name: "a-ns", region: "fr-par", endpoint: "rg.fr-par.scw.cloud/a-ns" }],
      total_count: 1,
    });
    expect(Object.keys((byName.body.namespaces as object[])[0]!).sort()).toEqual([
      "created_at",
      "description",
      "endpoint",
      "id",
      "image_count",
      "is_public",
      "name",
      "organization_id",
      "project_id",
      "region",
      "size",
      "status",
      "status_message",
      "updated_at",
    ]);
    expect((await get(`${base}/namespaces?name=A-NS`)).body).toEqual({ namespaces: [], total_count: 0 });
  });

  it("answers queued controls in order, and resetControls drops the rest", async () => {
    fake.rateLimitNext(1, "5");
    fake.failNext(1, 502);
    fake.hangNext(3);
    expect((await get(`${base}/namespaces`)).status).toBe(429);
    expect((await get(`${base}/namespaces`)).status).toBe(502);
    fake.resetControls();
    expect((await get(`${base}/namespaces`)).status).toBe(200);
  });

  it("logs requests without the key", async () => {
    fake.requests.length = 0;
    await get(`${base}/namespaces`);
    expect(fake.requests).toEqual([
      {
        method: "GET",
        host: new URL(fake.url).host,
        path: `${base}/namespaces`,
        query: {},
        authenticated: true,
        status: 200,
      },
    ]);
    expect(JSON.stringify(fake.requests)).not.toContain(KEY);
    expect(fake.sawSecret(KEY)).toBe(true);
  });
});
