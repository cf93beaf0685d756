/**
 * The Cron Trigger's handler: the incremental advisory refresh from the OSV export
 * (modified_id.csv), and jobs whose queue message was lost handed to the queue again.
 */
import { describe, expect, it } from "vitest";
import worker from "../../src/worker.js";
import { call, setUpCredential, waitForScan, workerEnv, world } from "./worker-client.js";
import { NEWER_RECORD } from "./worker-world.js";

/** One run of the Cron Trigger, as Cloudflare calls the scheduled handler. */
const cron = () => worker.scheduled({ cron: "23 * * * *", scheduledTime: Date.now() }, workerEnv());

describe.skipIf(!world.available)(`the Worker's Cron handler ${world.skipReason}`, () => {
  it("refreshes the imported ecosystems from the OSV export, and a rescan re-matches the stored inventory", async () => {
    const { projectId, credentialId } = await setUpCredential();
    const image = `${world.registryHost}/regscan/app:latest`;
    const first = await call("POST", `/v1/projects/${projectId}/scans`, { body: { credentialId, image } });
    const scanned = await waitForScan(projectId, first.body.id);
    expect(scanned.status).toBe("succeeded");
    const before = await call("GET", "/v1/advisories/status");
    const debian = (status: typeof before) =>
      status.body.ecosystems.find((e: { ecosystem: string }) => e.ecosystem === "Debian");
    expect(debian(before).records).toBeGreaterThanOrEqual(1);

    await cron();
    const after = await call("GET", "/v1/advisories/status");
    expect(debian(after)).toMatchObject({ records: 2, lastModified: NEWER_RECORD.modified });
    expect(Date.parse(debian(after).importedAt)).toBeGreaterThan(Date.parse(debian(before).importedAt));

    const again = await call("POST", `/v1/projects/${projectId}/scans`, { body: { credentialId, image } });
    const rematched = await waitForScan(projectId, again.body.id);
    expect(rematched).toMatchObject({
      status: "succeeded",
      reused: { scanId: first.body.id, reason: "advisories_updated" },
      summary: scanned.summary,
    });
  });

  it("hands a job whose message was lost to the queue again", async () => {
    // A Worker whose queue send fails after the job row is written: the request fails, the job waits.
    const lossy = workerEnv({
      SCAN_QUEUE: {
        send: async () => {
          throw new Error("queue unavailable");
        },
      },
    });
    const { projectId, credentialId } = await setUpCredential({ env: lossy });
    const image = `${world.registryHost}/regscan/base:latest`;
    const refused = await call("POST", `/v1/projects/${projectId}/scans`, {
      env: lossy,
      body: { credentialId, image },
    });
    expect(refused).toMatchObject({ status: 500, body: { code: "internal" } });
    const listed = await call("GET", `/v1/projects/${projectId}/scans?status=queued`);
    const stuck = listed.body.items.find((s: { image: string }) => s.image === image);
    expect(stuck).toBeDefined();
    // Claimable for longer than a lease (3 s here): the next Cron run requeues it.
    await new Promise((r) => setTimeout(r, 3500));
    await cron();
    expect(await waitForScan(projectId, stuck.id)).toMatchObject({ status: "succeeded" });
  });
});
