// The API process stopped during a scan: killed (SIGKILL), the restarted process claims the job
// once its lease has expired and finishes it; stopped (SIGTERM), it gives the job back to the queue
// at once, without counting the attempt. The pull is slowed down by the proxy so the scan is caught
// while it runs.
import { describe, expect, it } from "vitest";
import { SKIP_REASON } from "../../../packages/scanner/test/support/test-images.js";
import { runsEnded, startFaultWorld } from "./support/fault-world.js";
import { registry } from "./support/scan-world.js";

const LEASE_SECONDS = 4;
const env = { REGSCAN_SCAN_LEASE_SECONDS: String(LEASE_SECONDS) };
/** The base image's 49 MiB layer in about 8 s. */
const SLOW = 6 * 1024 * 1024;

describe.skipIf(!registry)(`scans survive the API process ${registry ? "" : SKIP_REASON}`, () => {
  it("SIGKILL during a pull: the restarted process claims the job after its lease expired and finishes it", async () => {
    const world = await startFaultWorld(env, { bytesPerSecond: SLOW });
    try {
      const scanId = await world.startScan(world.ref("base"));
      const running = await world.pollScan(scanId, (s) => s.status === "running" && s.progress.bytesDone > 0);
      expect(running.attempts).toBe(1);
      world.api.child.kill("SIGKILL");
      const killedAt = Date.now();
      expect(await world.api.stop()).toBeNull(); // killed: no exit code
      world.proxy.rules.bytesPerSecond = undefined;

      const restarted = await world.start();
      const done = await world.waitForScan(scanId, restarted);
      expect(done).toMatchObject({ status: "succeeded", attempts: 2, summary: { critical: 1 } });
      // The new runner waited for the lease: the last heartbeat renewed it about a third of a lease
      // before the kill (half a lease leaves room for a heartbeat late on a busy machine).
      const resumed = world.proxy.requests.find((r) => r.startedAt > killedAt);
      expect(resumed!.startedAt - killedAt).toBeGreaterThanOrEqual((LEASE_SECONDS / 2) * 1000);
      expect(runsEnded(restarted)).toEqual([expect.objectContaining({ scanId, outcome: "succeeded", attempt: 2 })]);
      const findings = await restarted.request("GET", `${world.scansPath()}/${scanId}/findings`);
      expect(findings.body.items.map((f: { vulnerabilityId: string }) => f.vulnerabilityId)).toEqual(["CVE-2099-0001"]);
      const sarif = await restarted.request("GET", `${world.scansPath()}/${scanId}/report?format=sarif`);
      expect(sarif.status).toBe(200);
    } finally {
      await world.close();
    }
  }, 120_000);

  it("SIGTERM during a pull: exit 0 promptly, the job is queued again with its attempt not counted, a restart finishes it", async () => {
    const world = await startFaultWorld(env, { bytesPerSecond: SLOW });
    try {
      const scanId = await world.startScan(world.ref("base"));
      await world.pollScan(scanId, (s) => s.status === "running" && s.progress.bytesDone > 0);
      world.api.child.kill("SIGTERM");
      const signalledAt = Date.now();
      expect(await world.api.stop()).toBe(0);
      expect(Date.now() - signalledAt).toBeLessThan(5000);
      expect(runsEnded(world.api)).toEqual([expect.objectContaining({ scanId, outcome: "released", attempt: 1 })]);
      world.proxy.rules.bytesPerSecond = undefined;

      // A process that runs no scans shows the job as the stop left it.
      const idle = await world.start({ REGSCAN_SCAN_CONCURRENCY: "0" });
      const released = await world.getScan(scanId, idle);
      expect(released).toMatchObject({ status: "queued", attempts: 0 });
      expect(released.error).toBeUndefined();
      expect(await idle.stop()).toBe(0);

      const restarted = await world.start();
      const done = await world.waitForScan(scanId, restarted);
      expect(done).toMatchObject({ status: "succeeded", attempts: 1, summary: { critical: 1 } });
      expect(runsEnded(restarted)).toEqual([expect.objectContaining({ scanId, outcome: "succeeded", attempt: 1 })]);
    } finally {
      await world.close();
    }
  }, 120_000);
});
