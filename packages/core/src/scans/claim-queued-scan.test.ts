import { describe, expect, it } from "vitest";
import { claimQueuedScan } from "./claim-queued-scan.js";
import { runScan } from "./run-scan.js";
import { HOST, scanSetup } from "./scan-test-setup.js";
import { startScan } from "./start-scan.js";

type Setup = Awaited<ReturnType<typeof scanSetup>>;

async function queued(setup: Setup, tag = "1.0") {
  const image = `${HOST}/team/app:${tag}`;
  return (await startScan(setup.deps, setup.owner, setup.projectId, { credentialId: setup.credentialId, image })).scan;
}

describe("claimQueuedScan", () => {
  it("claims a queued job once: a duplicate message waits for the lease, then finds it finished", async () => {
    const setup = await scanSetup({ policy: { leaseMs: 30_000 } });
    const scan = await queued(setup);
    const first = await claimQueuedScan(setup.deps, scan.id, "consumer-1");
    expect(first).toMatchObject({ action: "run", job: { id: scan.id, attempts: 1 } });
    expect(await claimQueuedScan(setup.deps, scan.id, "consumer-2")).toEqual({
      action: "later",
      delayMs: 31_000,
      reason: "leased",
    });
    if (first.action !== "run") throw new Error("not claimed");
    expect(await runScan(setup.deps, first.job, { owner: "consumer-1", heartbeatMs: 5 })).toEqual({
      outcome: "succeeded",
    });
    expect(await claimQueuedScan(setup.deps, scan.id, "consumer-2")).toEqual({ action: "done", reason: "finished" });
    expect((await setup.deps.scans.find(scan.id))?.attempts).toBe(1);
  });

  it("claims the job of a runner that died once its lease has expired", async () => {
    const setup = await scanSetup({ policy: { leaseMs: 10_000 } });
    const scan = await queued(setup);
    await claimQueuedScan(setup.deps, scan.id, "died");
    setup.base.clock.advance(10_001);
    expect(await claimQueuedScan(setup.deps, scan.id, "consumer-2")).toMatchObject({
      action: "run",
      job: { attempts: 2, lease: { owner: "consumer-2" } },
    });
  });

  it("waits until a retry's notBefore", async () => {
    const setup = await scanSetup();
    const scan = await queued(setup);
    const claimed = await claimQueuedScan(setup.deps, scan.id, "c1");
    if (claimed.action !== "run") throw new Error("not claimed");
    const progress = claimed.job.progress;
    const notBefore = new Date(setup.deps.clock.now().getTime() + 7_500);
    await setup.deps.scans.finish(
      scan.id,
      "c1",
      { status: "queued", notBefore, countAttempt: true, error: null, progress },
      setup.deps.clock.now(),
    );
    expect(await claimQueuedScan(setup.deps, scan.id, "c2")).toEqual({
      action: "later",
      delayMs: 7_500,
      reason: "not_before",
    });
    setup.base.clock.advance(7_500);
    expect(await claimQueuedScan(setup.deps, scan.id, "c2")).toMatchObject({ action: "run" });
  });

  it("comes back later while the organization runs its limit of scans", async () => {
    const setup = await scanSetup({ policy: { orgConcurrency: 1, leaseMs: 40_000 } });
    const a = await queued(setup, "1.0");
    const b = await queued(setup, "1.1");
    expect(await claimQueuedScan(setup.deps, a.id, "c1")).toMatchObject({ action: "run" });
    expect(await claimQueuedScan(setup.deps, b.id, "c2")).toEqual({
      action: "later",
      delayMs: 40_000,
      reason: "org_concurrency",
    });
  });

  it("has nothing to do for a scan that does not exist", async () => {
    const setup = await scanSetup();
    expect(await claimQueuedScan(setup.deps, "no-such-scan", "c1")).toEqual({ action: "done", reason: "not_found" });
  });
});
