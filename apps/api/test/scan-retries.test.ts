// A registry connection dropped in the middle of a layer (a TCP reset from the proxy between the
// API process and the real docker-registry): the scan is retried with backoff, and ends
// `scan_failed` naming the layer and the attempts when every attempt breaks.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SKIP_REASON, testImages } from "../../../packages/scanner/test/support/test-images.js";
import { type FaultWorld, startFaultWorld } from "./support/fault-world.js";
import { registry } from "./support/scan-world.js";

describe.skipIf(!registry)(`a registry connection dropped mid-layer ${registry ? "" : SKIP_REASON}`, () => {
  let world: FaultWorld;
  const layer = () => testImages()!.describe("base").layers![0]!.digest;

  beforeAll(async () => {
    world = await startFaultWorld({ REGSCAN_SCAN_MAX_ATTEMPTS: "3", REGSCAN_SCAN_RETRY_BASE_SECONDS: "1" });
  }, 180_000);

  afterAll(async () => {
    await world?.close();
  });

  it("retries each broken download, shows the transient error while queued again, then fails naming the layer", async () => {
    world.proxy.rules.breakBlobs = { afterBytes: 256 * 1024, times: 100 };
    const scanId = await world.startScan(world.ref("base"));

    const retrying = await world.pollScan(scanId, (s) => s.status === "queued" && s.attempts >= 1);
    expect(retrying).toMatchObject({ attempts: 1, error: { code: "upstream_unavailable" } });
    expect(retrying.error.message).toContain("broke off");
    expect(retrying.progress.phase).toBe("queued");

    const done = await world.waitForScan(scanId);
    expect(done).toMatchObject({ status: "failed", attempts: 3, error: { code: "scan_failed" } });
    expect(done.error.message).toContain(layer());
    expect(done.error.message).toContain("3 attempts");
    const cut = world.proxy.layerGets().filter((r) => r.broken);
    expect(cut).toHaveLength(3);
    expect(cut.every((r) => r.path.endsWith(layer()) && r.bodyBytes === 256 * 1024)).toBe(true);
    // The backoff: attempt 2 starts ≥ 1 s after attempt 1 broke, attempt 3 ≥ 2 s after attempt 2.
    const gaps = cut.slice(1).map((r, i) => r.startedAt - cut[i]!.endedAt!);
    expect(gaps[0]).toBeGreaterThanOrEqual(900);
    expect(gaps[1]).toBeGreaterThanOrEqual(1900);
  }, 60_000);

  it("succeeds on the second attempt when only the first download breaks", async () => {
    world.proxy.rules.breakBlobs = { afterBytes: 1024 * 1024, times: 1 };
    const scanId = await world.startScan(world.ref("base"));
    const done = await world.waitForScan(scanId);
    expect(done).toMatchObject({
      status: "succeeded",
      attempts: 2,
      summary: { critical: 1, high: 0, medium: 0, low: 0, unknown: 0 },
      progress: { phase: "done" },
    });
    expect(done.error).toBeUndefined();
    const findings = await world.api.request("GET", `${world.scansPath()}/${scanId}/findings`);
    expect(findings.body.items.map((f: { vulnerabilityId: string }) => f.vulnerabilityId)).toEqual(["CVE-2099-0001"]);
  }, 60_000);
});
