// Two API processes (what `pnpm start` runs) on one database file share the scan queue: every job
// runs exactly once (one runner, attempt 1), the organization's limit holds across both processes,
// and all jobs end.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SKIP_REASON, testImages } from "../../../packages/scanner/test/support/test-images.js";
import { type FaultWorld, listAllScans, runsEnded, startFaultWorld } from "./support/fault-world.js";
import { registry } from "./support/scan-world.js";
import type { TestApi } from "./support/start-api.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!registry)(`two API processes on one database ${registry ? "" : SKIP_REASON}`, () => {
  let world: FaultWorld;
  let other: TestApi;

  beforeAll(async () => {
    const env = { REGSCAN_SCAN_CONCURRENCY: "2", REGSCAN_ORG_SCAN_CONCURRENCY: "3" };
    world = await startFaultWorld(env, { responseDelayMs: 25 });
    other = await world.start();
  }, 180_000);

  afterAll(async () => {
    await world?.close();
  });

  it("runs each job once, in one of them, within the organization's limit, and ends them all", async () => {
    const digest = testImages()!.describe("base").manifestDigest;
    const refs = [
      world.ref("base"),
      world.ref("base", "v2s2"),
      world.ref("app"),
      world.ref("multi"),
      world.ref("multi", "v2s2"),
      `${world.proxy.host}/regscan/base@${digest}`,
    ];
    // Half of the requests through each process: both are woken, both claim.
    const ids = await Promise.all(
      Array.from({ length: 30 }, (_, i) => world.startScan(refs[i % refs.length]!, i % 2 ? other : world.api)),
    );

    let running = 0;
    for (;;) {
      const scans = await listAllScans(other, world.projectId);
      running = Math.max(running, scans.filter((s) => s.status === "running").length);
      if (scans.every((s) => ["succeeded", "failed", "cancelled"].includes(s.status))) break;
      await sleep(20);
    }
    expect(running).toBeLessThanOrEqual(3);

    const scans = await listAllScans(world.api, world.projectId);
    expect(scans.map((s) => s.id).sort()).toEqual([...ids].sort());
    for (const scan of scans) expect(scan, JSON.stringify(scan)).toMatchObject({ status: "succeeded", attempts: 1 });

    const runs = [...runsEnded(world.api), ...runsEnded(other)];
    expect(runs.map((r) => r.scanId).sort()).toEqual([...ids].sort());
    expect(runs.every((r) => r.outcome === "succeeded" && r.attempt === 1)).toBe(true);
    expect(runsEnded(world.api).length).toBeGreaterThan(0);
    expect(runsEnded(other).length).toBeGreaterThan(0);
  }, 120_000);
});
