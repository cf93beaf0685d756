// POST …/scans/{id}/cancel through the started API: a running scan (its pull slowed down by the
// proxy) stops within seconds and ends `cancelled`; a queued one ends `cancelled` at once and never runs.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SKIP_REASON } from "../../../packages/scanner/test/support/test-images.js";
import { type FaultWorld, runsEnded, startFaultWorld } from "./support/fault-world.js";
import { registry } from "./support/scan-world.js";

describe.skipIf(!registry)(`cancelling scans ${registry ? "" : SKIP_REASON}`, () => {
  let world: FaultWorld;
  const cancel = (scanId: string) => world.api.request("POST", `${world.scansPath()}/${scanId}/cancel`);

  beforeAll(async () => {
    world = await startFaultWorld({ REGSCAN_SCAN_CONCURRENCY: "1" }, { bytesPerSecond: 4 * 1024 * 1024 });
  }, 180_000);

  afterAll(async () => {
    await world?.close();
  });

  it("ends a queued scan cancelled at once and a running one within seconds, its download stopped", async () => {
    const running = await world.startScan(world.ref("base"));
    await world.pollScan(running, (s) => s.status === "running" && s.progress.bytesDone > 0);
    const queued = await world.startScan(world.ref("app"));
    expect((await world.getScan(queued)).status).toBe("queued");

    const cancelledQueued = await cancel(queued);
    expect(cancelledQueued).toMatchObject({ status: 202, body: { id: queued, status: "cancelled", attempts: 0 } });
    expect(cancelledQueued.body.finishedAt).toEqual(expect.any(String));

    const requestedAt = Date.now();
    const asked = await cancel(running);
    expect(asked).toMatchObject({ status: 202, body: { status: "running" } });
    const done = await world.pollScan(running, (s) => s.status !== "running", { timeoutMs: 10_000 });
    expect(done).toMatchObject({ status: "cancelled", attempts: 1, summary: null });
    expect(Date.now() - requestedAt).toBeLessThan(5000);
    const layer = world.proxy.layerGets().find((r) => r.path.includes("/regscan/base/"))!;
    expect(layer.endedAt! - requestedAt).toBeLessThan(5000);
    expect(layer.bodyBytes).toBeLessThan(layer.contentLength!);
    expect(runsEnded(world.api)).toEqual([expect.objectContaining({ scanId: running, outcome: "cancelled" })]);

    // The runner is free again, and the cancelled queued scan is not run (it polls every second).
    await new Promise((r) => setTimeout(r, 2000));
    expect(world.proxy.requests.some((r) => r.path.includes("/regscan/app/"))).toBe(false);
    expect(await world.getScan(queued)).toMatchObject({ status: "cancelled", attempts: 0 });
  }, 60_000);

  it("treats a second cancel as a no-op and refuses to cancel a finished scan (409)", async () => {
    world.proxy.rules.bytesPerSecond = undefined;
    const scanId = await world.startScan(world.ref("base"));
    expect((await cancel(scanId)).status).toBe(202);
    const cancelled = await world.pollScan(scanId, (s) => s.status === "cancelled", { timeoutMs: 10_000 });
    expect(await cancel(scanId)).toMatchObject({
      status: 202,
      body: { status: "cancelled", finishedAt: cancelled.finishedAt },
    });
    const finished = await world.startScan(world.ref("multi"));
    expect(await world.waitForScan(finished)).toMatchObject({ status: "succeeded" });
    expect(await cancel(finished)).toMatchObject({ status: 409, body: { code: "conflict" } });
  }, 60_000);
});
