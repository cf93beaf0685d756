import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { zipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultOrg, issueToken } from "./support/fixtures.js";
import { importAdvisories } from "./support/scan-world.js";
import { startApi, type TestApi } from "./support/start-api.js";

const record = (id: string, modified: string, name: string) => ({
  id,
  modified,
  summary: `${name} test advisory`,
  affected: [
    { package: { ecosystem: "Debian:12", name }, ranges: [{ type: "ECOSYSTEM", events: [{ introduced: "0" }] }] },
  ],
});
const FIRST = record("TEST-DEBIAN-A-1", "2024-01-01T00:00:00Z", "zlib");
const LATER = record("TEST-DEBIAN-B-1", "2025-06-01T00:00:00Z", "openssl");

/** An OSV export bucket on 127.0.0.1: Debian's all.zip, modified_id.csv and one record file. */
async function startOsv(): Promise<{ url: string; requests: string[]; close: () => Promise<void> }> {
  const requests: string[] = [];
  const zip = zipSync({ [`${FIRST.id}.json`]: new TextEncoder().encode(JSON.stringify(FIRST)) });
  const server: Server = createServer((req, res) => {
    requests.push(req.url ?? "");
    if (req.url === "/Debian/all.zip") return void res.writeHead(200).end(zip);
    if (req.url === "/Debian/modified_id.csv") {
      return void res.writeHead(200).end(`${LATER.modified},${LATER.id}\n${FIRST.modified},${FIRST.id}\n`);
    }
    if (req.url === `/Debian/${LATER.id}.json`) return void res.writeHead(200).end(JSON.stringify(LATER));
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe("advisory data in the API's own database", () => {
  let api: TestApi;
  let osv: Awaited<ReturnType<typeof startOsv>>;

  beforeAll(async () => {
    osv = await startOsv();
    api = await startApi({ env: { REGSCAN_OSV_URL: osv.url } });
  }, 60_000);
  afterAll(async () => {
    await api?.cleanup();
    await osv?.close();
  });

  it("reports an empty database, then what `regscan db import --db <the API's database>` fed it", async () => {
    const empty = await api.request("GET", "/v1/advisories/status");
    expect(empty).toMatchObject({ status: 200, body: { updatedAt: null, ecosystems: [] } });
    await importAdvisories(api.dbUrl, [FIRST]);
    const status = await api.request("GET", "/v1/advisories/status");
    expect(status.body.ecosystems).toEqual([
      { ecosystem: "Debian", records: 1, lastModified: FIRST.modified, importedAt: expect.any(String) },
    ]);
    expect(status.body.updatedAt).toBe(status.body.ecosystems[0].importedAt);
  }, 120_000);

  it("runs the incremental OSV refresh for an instance admin, and shows its outcome", async () => {
    const before = (await api.request("GET", "/v1/advisories/status")).body;
    const started = await api.request("POST", "/v1/admin/advisories/refresh");
    expect(started.status, started.text).toBe(202);
    expect(started.body.running).toMatchObject({ startedAt: expect.any(String), finishedAt: null });
    let status = before;
    for (let i = 0; i < 100 && !status.refresh.last; i++) {
      await new Promise((r) => setTimeout(r, 50));
      status = (await api.request("GET", "/v1/advisories/status")).body;
    }
    expect(status.refresh).toMatchObject({
      running: null,
      last: { results: [{ ecosystem: "Debian", mode: "incremental", imported: 1, removed: 0 }], errors: [] },
    });
    expect(status.ecosystems).toEqual([
      { ecosystem: "Debian", records: 2, lastModified: LATER.modified, importedAt: expect.any(String) },
    ]);
    expect(Date.parse(status.updatedAt)).toBeGreaterThan(Date.parse(before.updatedAt));
    // Incremental: the changed record alone, never the whole export again.
    expect(osv.requests).toContain(`/Debian/${LATER.id}.json`);
    expect(osv.requests).not.toContain("/Debian/all.zip");
  }, 60_000);

  it("lets any token read the status but only an instance admin refresh", async () => {
    const { orgId, projectId } = await defaultOrg(api);
    const reader = await issueToken(api, orgId, "reader", { org: [], projects: { [projectId]: ["read"] } });
    expect((await api.request("GET", "/v1/advisories/status", { token: reader })).status).toBe(200);
    const refused = await api.request("POST", "/v1/admin/advisories/refresh", { token: reader });
    expect(refused).toMatchObject({ status: 403, body: { code: "forbidden" } });
    expect((await api.request("GET", "/v1/advisories/status", { token: null })).status).toBe(401);
  });
});
