// The typed client (`@regscan/api/client`) used the way the extension and the dashboard use it,
// against the API started as `pnpm start` starts it. Its types: test/client-types.test.ts.
import type { FakeScaleway } from "@regscan/scaleway-adapter/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SKIP_REASON } from "../../../packages/scanner/test/support/test-images.js";
import { type ApiClient, createApiClient } from "../src/client.js";
import { ProblemSchema } from "../src/schemas/common.js";
import { CycloneDxBomSchema, RegscanReportSchema, SarifLogSchema } from "../src/schemas/report.js";
import { ScanSchema } from "../src/schemas/scan.js";
import {
  importAdvisories,
  registry,
  scalewayForRegistry,
  scanEnv,
  setUpCredential,
  ZLIB_RECORD,
} from "./support/scan-world.js";
import { BOOTSTRAP_TOKEN, startApi, type TestApi } from "./support/start-api.js";

const owner = (api: TestApi) => createApiClient(api.url, { headers: { authorization: `Bearer ${BOOTSTRAP_TOKEN}` } });

describe("createApiClient against the started API", () => {
  let api: TestApi;
  let client: ApiClient;
  let orgId: string;
  let projectId: string;
  beforeAll(async () => {
    api = await startApi();
    client = owner(api);
  });
  afterAll(() => api.cleanup());

  it("reads and writes typed JSON", async () => {
    const health = await client.v1.health.$get();
    expect(await health.json()).toEqual({ status: "ok" });
    const me = await client.v1.me.$get();
    expect(me.status).toBe(200);
    if (me.status !== 200) return;
    const body = await me.json();
    orgId = body.organizations.find((o) => o.name === "default")!.id;
    projectId = body.projects.find((p) => p.orgId === orgId && p.name === "default")!.id;

    const created = await client.v1.orgs[":orgId"].projects.$post({ param: { orgId }, json: { name: "typed-client" } });
    expect(created.status).toBe(201);
    const listed = await client.v1.orgs[":orgId"].projects.$get({ param: { orgId } });
    if (listed.status !== 200) throw new Error(`listProjects answered ${listed.status}`);
    expect((await listed.json()).items.map((p) => p.name)).toEqual(["default", "typed-client"]);

    const scans = await client.v1.projects[":projectId"].scans.$get({ param: { projectId }, query: { limit: "10" } });
    if (scans.status !== 200) throw new Error(`listScans answered ${scans.status}`);
    expect(await scans.json()).toEqual({ items: [], nextCursor: null });
    const status = await client.v1.advisories.status.$get();
    if (status.status !== 200) throw new Error(`getAdvisoryStatus answered ${status.status}`);
    expect((await status.json()).ecosystems).toEqual([]);
  });

  it("gets each error answer as a Problem document, with the status it is typed for", async () => {
    const missing = await client.v1.projects[":projectId"].scans[":scanId"].$get({
      param: { projectId, scanId: "no-such-scan" },
    });
    expect(missing.status).toBe(404);
    if (missing.status === 404) {
      const problem = ProblemSchema.parse(await missing.json());
      expect(problem).toMatchObject({ status: 404, code: "not_found" });
    }
    const anonymous = await createApiClient(api.url).v1.me.$get();
    expect(anonymous.status).toBe(401);
    if (anonymous.status === 401) expect((await anonymous.json()).code).toBe("unauthenticated");
    expect(anonymous.headers.get("ratelimit-limit")).toBe("600");
    const refused = await client.v1.projects[":projectId"].scans.$post({
      param: { projectId },
      header: {},
      json: { credentialId: "no-such-credential", image: "rg.fr-par.scw.cloud/ns/api:1" },
    });
    expect(refused.status).toBe(404);
    if (refused.status === 404) expect((await refused.json()).code).toBe("not_found");
  });
});

describe.skipIf(!registry)(`a scan through the typed client ${registry ? "" : SKIP_REASON}`, () => {
  let fake: FakeScaleway;
  let api: TestApi;
  beforeAll(async () => {
    fake = await scalewayForRegistry();
    api = await startApi({ env: scanEnv(fake) });
    await importAdvisories(api.dbUrl, [ZLIB_RECORD]);
  }, 180_000);
  afterAll(async () => {
    await api?.cleanup();
    await fake?.close();
  });

  it("browses to a tag, scans it, and reads findings, reports and the SBOM in their documented shapes", async () => {
    const client = owner(api);
    const { projectId, credentialId } = await setUpCredential(api);
    const browse = client.v1.projects[":projectId"].credentials[":credentialId"].namespaces;
    const tags = await browse[":namespace"].images[":image"].tags.$get({
      param: { projectId, credentialId, namespace: "regscan", image: "base" },
      query: {},
    });
    if (tags.status !== 200) throw new Error(`listTags answered ${tags.status}`);
    const imageRef = (await tags.json()).items.find((t) => t.name === "latest")!.imageRef;

    const started = await client.v1.projects[":projectId"].scans.$post({
      param: { projectId },
      header: { "idempotency-key": "typed-client-1" },
      json: { credentialId, image: imageRef },
    });
    if (started.status !== 202) throw new Error(`startScan answered ${started.status}: ${await started.text()}`);
    const scanId = (await started.json()).id;
    const param = { projectId, scanId };
    const scan = client.v1.projects[":projectId"].scans[":scanId"];
    const deadline = Date.now() + 90_000;
    let status = "queued";
    while (!["succeeded", "failed", "cancelled"].includes(status) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      const res = await scan.$get({ param });
      if (res.status !== 200) throw new Error(`getScan answered ${res.status}`);
      const body = ScanSchema.parse(await res.json());
      status = body.status;
      if (status === "succeeded") expect(body.summary).toEqual({ critical: 1, high: 0, medium: 0, low: 0, unknown: 0 });
    }
    expect(status).toBe("succeeded");

    const findings = await scan.findings.$get({ param, query: { severity: "CRITICAL" } });
    if (findings.status !== 200) throw new Error(`listScanFindings answered ${findings.status}`);
    expect((await findings.json()).items.map((f) => [f.vulnerabilityId, f.packageName])).toEqual([
      ["CVE-2099-0001", "zlib1g"],
    ]);
    const report = async (format: "json" | "sarif" | "cyclonedx") => {
      const res = await scan.report.$get({ param, query: { format } });
      if (res.status !== 200) throw new Error(`getScanReport answered ${res.status}`);
      return res.json();
    };
    expect(RegscanReportSchema.parse(await report("json")).summary.critical).toBe(1);
    expect(SarifLogSchema.parse(await report("sarif")).runs).toHaveLength(1);
    expect(CycloneDxBomSchema.parse(await report("cyclonedx")).vulnerabilities).toHaveLength(1);
    const sbom = await scan.sbom.$get({ param });
    if (sbom.status !== 200) throw new Error(`getScanSbom answered ${sbom.status}`);
    const bom = CycloneDxBomSchema.parse(await sbom.json());
    expect(bom.components.length).toBeGreaterThan(0);
  }, 150_000);
});
