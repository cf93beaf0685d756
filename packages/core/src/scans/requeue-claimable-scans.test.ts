import { describe, expect, it } from "vitest";
import { claimQueuedScan } from "./claim-queued-scan.js";
import { requeueClaimableScans } from "./requeue-claimable-scans.js";
import { HOST, scanSetup } from "./scan-test-setup.js";
import { startScan } from "./start-scan.js";

describe("requeueClaimableScans", () => {
  it("enqueues the jobs claimable for longer than the grace period: due ones and those of dead runners", async () => {
    const setup = await scanSetup({ policy: { leaseMs: 30_000 } });
    const start = (tag: string) =>
      startScan(setup.deps, setup.owner, setup.projectId, {
        credentialId: setup.credentialId,
        image: `${HOST}/team/app:${tag}`,
      });
    const stuck = (await start("1.0")).scan;
    const running = (await start("1.1")).scan;
    await claimQueuedScan(setup.deps, running.id, "runner-that-dies");
    const sentBefore = setup.queue.sent.length;
    expect(await requeueClaimableScans(setup.deps, { graceMs: 60_000 })).toEqual([]);
    setup.base.clock.advance(60_000);
    expect(await requeueClaimableScans(setup.deps, { graceMs: 60_000 })).toEqual([stuck.id]);
    setup.base.clock.advance(30_001);
    expect(await requeueClaimableScans(setup.deps, { graceMs: 60_000 })).toEqual([stuck.id, running.id]);
    expect(setup.queue.sent.slice(sentBefore).map((m) => m.scanId)).toEqual([stuck.id, stuck.id, running.id]);
  });
});
