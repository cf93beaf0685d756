import { join } from "node:path";
import type { FakeScaleway } from "@regscan/scaleway-adapter/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SKIP_REASON } from "../../../packages/scanner/test/support/test-images.js";
import { issueToken } from "./support/fixtures.js";
import {
  fileContains,
  importAdvisories,
  pushCorruptImage,
  registry,
  scalewayForRegistry,
  scanEnv,
  setUpCredential,
  waitForScan,
  ZLIB_RECORD,
} from "./support/scan-world.js";
import { expectNoLeak, startApi, type TestApi } from "./support/start-api.js";

describe.skipIf(!registry)(`scans through the API ${registry ? "" : SKIP_REASON}`, () => {
  let fake: FakeScaleway;
  let api: TestApi;
  let projectId: string;
  let orgId: string;
  let credentialId: string;
  let imageRef: string;
  let scanId: string;
  const scans = () => `/v1/projects/${projectId}/scans`;

  beforeAll(async () => {
    fake = await scalewayForRegistry();
    api = await startApi({ env: scanEnv(fake) });
    await Promise.all([importAdvisories(api.dbUrl, [ZLIB_RECORD]), pushCorruptImage()]);
    ({ orgId, projectId, credentialId } = await setUpCredential(api));
    const tags = await api.request(
      "GET",
      `/v1/projects/${projectId}/credentials/${credentialId}/namespaces/regscan/images/base/tags`,
    );
    expect(tags.status, tags.text).toBe(200);
    imageRef = tags.body.items.find((t: { name: string }) => t.name === "latest").imageRef;
  }, 180_000);

  afterAll(async () => {
    if (registry) expectNoLeak(api, [registry.password]);
    await api?.cleanup();
    await fake?.close();
  });

  it("scans a tag picked by browsing: 202 queued, then succeeded with progress and a summary", async () => {
    expect(imageRef).toBe(`${registry!.host}/regscan/base:latest`);
    const started = await api.request("POST", scans(), { body: { credentialId, image: imageRef } });
    expect(started.status, started.text).toBe(202);
    expect(started.body).toMatchObject({ status: "queued", image: imageRef, credentialId, summary: null });
    expect(started.headers.get("location")).toBe(`${scans()}/${started.body.id}`);
    scanId = started.body.id;
    const done = await waitForScan(api, projectId, scanId);
    expect(done).toMatchObject({
      status: "succeeded",
      summary: { critical: 1, high: 0, medium: 0, low: 0, unknown: 0 },
      progress: { phase: "done" },
      advisories: { updatedAt: expect.any(String) },
      attempts: 1,
    });
    expect(done.digest).toMatch(/^sha256:[a-f0-9]{64}$/);
    expect(done.progress.layersDone).toBe(done.progress.layersTotal);
    expect(done.progress.bytesDone).toBeGreaterThan(0);
    expect(done.error).toBeUndefined();
  }, 120_000);

  it("serves the findings matched against the imported advisories, filtered and paged", async () => {
    const res = await api.request("GET", `${scans()}/${scanId}/findings`);
    expect(res.status, res.text).toBe(200);
    expect(res.body.items).toEqual([
      expect.objectContaining({
        vulnerabilityId: "CVE-2099-0001",
        aliases: ["TEST-DEBIAN-ZLIB-1"],
        severity: "CRITICAL",
        cvss: { version: "3.1", vector: ZLIB_RECORD.affected[0]!.severity[0]!.score, score: 9.8 },
        packageName: "zlib1g",
        type: "deb",
        ecosystem: "Debian:12",
        fixedVersion: "1:1.3.dfsg-1",
        source: expect.objectContaining({ name: "zlib" }),
      }),
    ]);
    expect(res.body.items[0].id).not.toBe("CVE-2099-0001");
    const high = await api.request("GET", `${scans()}/${scanId}/findings?severity=high,medium`);
    expect(high.body.items).toEqual([]);
    const fixable = await api.request("GET", `${scans()}/${scanId}/findings?fixable=true&severity=CRITICAL`);
    expect(fixable.body.items).toHaveLength(1);
    const bad = await api.request("GET", `${scans()}/${scanId}/findings?severity=urgent`);
    expect(bad).toMatchObject({ status: 400, body: { code: "validation_failed" } });
  });

  it("serves the JSON, SARIF and CycloneDX reports and the SBOM", async () => {
    const json = await api.request("GET", `${scans()}/${scanId}/report?format=json`);
    expect(json.headers.get("content-type")).toContain("application/json");
    expect(json.body.summary).toEqual({ critical: 1, high: 0, medium: 0, low: 0, unknown: 0 });
    expect(json.body.vulnerabilities[0]).toMatchObject({ id: "CVE-2099-0001", severity: "CRITICAL" });
    expect(json.body.artifact.ref).toBe(imageRef);
    const sarif = await api.request("GET", `${scans()}/${scanId}/report?format=sarif`);
    expect(sarif.headers.get("content-type")).toContain("application/sarif+json");
    expect(sarif.body.version).toBe("2.1.0");
    expect(sarif.body.runs[0].results.map((r: { ruleId: string }) => r.ruleId)).toContain("CVE-2099-0001");
    const vex = await api.request("GET", `${scans()}/${scanId}/report?format=cyclonedx`);
    expect(vex.headers.get("content-type")).toContain("application/vnd.cyclonedx+json");
    expect(vex.body).toMatchObject({ bomFormat: "CycloneDX", specVersion: "1.6" });
    expect(vex.body.vulnerabilities.map((v: { id: string }) => v.id)).toContain("CVE-2099-0001");
    const sbom = await api.request("GET", `${scans()}/${scanId}/sbom`);
    expect(sbom.headers.get("content-type")).toContain("application/vnd.cyclonedx+json");
    expect(sbom.body.components.some((c: { name: string }) => c.name === "zlib1g")).toBe(true);
    expect(sbom.body.vulnerabilities).toBeUndefined();
  });

  it("reuses the result of a digest already scanned against the same advisory data", async () => {
    const started = await api.request("POST", scans(), { body: { credentialId, image: imageRef } });
    const done = await waitForScan(api, projectId, started.body.id);
    expect(done).toMatchObject({
      status: "succeeded",
      reused: { scanId, reason: "same_digest" },
      summary: { critical: 1 },
    });
  }, 60_000);

  it("lists scans newest first, filtered by status and image", async () => {
    const all = await api.request("GET", `${scans()}?limit=1`);
    expect(all.body.items).toHaveLength(1);
    expect(all.body.nextCursor).not.toBeNull();
    const next = await api.request("GET", `${scans()}?limit=1&cursor=${encodeURIComponent(all.body.nextCursor)}`);
    expect(next.body.items[0].id).toBe(scanId);
    const byRepo = await api.request("GET", `${scans()}?image=${encodeURIComponent(`${registry!.host}/regscan/base`)}`);
    expect(byRepo.body.items.length).toBeGreaterThanOrEqual(2);
    const failed = await api.request("GET", `${scans()}?status=failed`);
    expect(failed.body.items).toEqual([]);
  });

  it("ends a scan of an unknown tag failed with tag_not_found", async () => {
    const started = await api.request("POST", scans(), {
      body: { credentialId, image: { namespace: "regscan", image: "base", tag: "no-such-tag" } },
    });
    expect(started.status, started.text).toBe(202);
    const done = await waitForScan(api, projectId, started.body.id);
    expect(done).toMatchObject({ status: "failed", error: { code: "tag_not_found" }, attempts: 1 });
    expect(done.error.message).toContain("no-such-tag");
  }, 60_000);

  it("ends a scan of an image whose package database is unreadable failed with inventory_incomplete", async () => {
    const started = await api.request("POST", scans(), {
      body: { credentialId, image: `${registry!.host}/regscan/corrupt:latest` },
    });
    const done = await waitForScan(api, projectId, started.body.id);
    expect(done).toMatchObject({ status: "failed", error: { code: "inventory_incomplete" }, summary: null });
    expect(done.error.message).toContain("/var/lib/dpkg/status");
    const report = await api.request("GET", `${scans()}/${started.body.id}/report`);
    expect(report).toMatchObject({ status: 409, body: { code: "conflict" } });
  }, 60_000);

  it.each([
    {
      name: "another registry host",
      body: () => ({ credentialId, image: "docker.io/library/alpine:3.19" }),
      status: 400,
      code: "validation_failed",
    },
    {
      name: "an unknown credential",
      body: () => ({ credentialId: "nope", image: imageRef }),
      status: 404,
      code: "not_found",
    },
    {
      name: "an unknown field",
      body: () => ({ credentialId, image: imageRef, extra: 1 }),
      status: 400,
      code: "validation_failed",
    },
  ])("refuses $name with $status $code", async ({ body, status, code }) => {
    const res = await api.request("POST", scans(), { body: body() });
    expect(res).toMatchObject({ status, body: { code } });
    expect(res.headers.get("content-type")).toContain("application/problem+json");
  });

  it("answers 403 feature_not_enabled when the plan lacks container_scanning", async () => {
    await api.request("PUT", `/v1/admin/orgs/${orgId}/features`, { body: { features: [] } });
    try {
      const res = await api.request("POST", scans(), { body: { credentialId, image: imageRef } });
      expect(res).toMatchObject({ status: 403, body: { code: "feature_not_enabled" } });
    } finally {
      await api.request("PUT", `/v1/admin/orgs/${orgId}/features`, { body: { features: ["container_scanning"] } });
    }
  });

  it("lets a reader see scans but neither start nor cancel one", async () => {
    const reader = await issueToken(api, orgId, "reader", { org: [], projects: { [projectId]: ["read"] } });
    expect((await api.request("GET", `${scans()}/${scanId}`, { token: reader })).status).toBe(200);
    const start = await api.request("POST", scans(), { token: reader, body: { credentialId, image: imageRef } });
    expect(start).toMatchObject({ status: 403, body: { code: "forbidden" } });
    const cancel = await api.request("POST", `${scans()}/${scanId}/cancel`, { token: reader });
    expect(cancel).toMatchObject({ status: 403, body: { code: "forbidden" } });
  });

  it("returns the same scan for a repeated Idempotency-Key, 409 for another body", async () => {
    const headers = { "idempotency-key": "deploy-42" };
    const first = await api.request("POST", scans(), { headers, body: { credentialId, image: imageRef } });
    const again = await api.request("POST", scans(), { headers, body: { credentialId, image: imageRef } });
    expect(again.status).toBe(202);
    expect(again.body.id).toBe(first.body.id);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    const other = await api.request("POST", scans(), {
      headers,
      body: { credentialId, image: `${registry!.host}/regscan/app:latest` },
    });
    expect(other).toMatchObject({ status: 409, body: { code: "conflict" } });
    await waitForScan(api, projectId, first.body.id);
  }, 60_000);

  it("answers 404 for a scan of another project or organization", async () => {
    const otherOrg = await api.request("POST", "/v1/orgs", { body: { name: "other" } });
    const otherProject = await api.request("POST", `/v1/orgs/${otherOrg.body.id}/projects`, { body: { name: "p" } });
    const res = await api.request("GET", `/v1/projects/${otherProject.body.id}/scans/${scanId}`);
    expect(res).toMatchObject({ status: 404, body: { code: "not_found" } });
  });

  it("never stores the secret in plain text", () => {
    expect(fileContains(join(api.dir, "regscan.db"), registry!.password)).toBe(false);
  });
});
