import { describe, expect, it } from "vitest";
import { DomainError } from "../errors/domain-error.js";
import { claimNextScan, runScan } from "./run-scan.js";
import { digestOf, HOST, scanSetup } from "./scan-test-setup.js";
import { startScan } from "./start-scan.js";

type Setup = Awaited<ReturnType<typeof scanSetup>>;

async function queue(setup: Setup, image = `${HOST}/team/app:1.0`) {
  return (await startScan(setup.deps, setup.owner, setup.projectId, { credentialId: setup.credentialId, image })).scan;
}

async function claimAndRun(setup: Setup, owner = "runner-1", extra: { shutdown?: AbortSignal } = {}) {
  const job = await claimNextScan(setup.deps, owner);
  if (!job) throw new Error("nothing to claim");
  return { job, result: await runScan(setup.deps, job, { owner, heartbeatMs: 5, ...extra }) };
}

const until = async (check: () => boolean | Promise<boolean>) => {
  for (let i = 0; i < 400 && !(await check()); i++) await new Promise((r) => setTimeout(r, 5));
};

describe("runScan", () => {
  it("pulls, inventories and matches an image, storing findings, inventory and progress", async () => {
    const setup = await scanSetup();
    const queued = await queue(setup);
    const { result } = await claimAndRun(setup);
    expect(result).toEqual({ outcome: "succeeded" });
    const scan = await setup.deps.scans.get(setup.orgId, queued.id);
    expect(scan).toMatchObject({
      status: "succeeded",
      digest: digestOf(1),
      summary: { critical: 1, high: 1, medium: 0, low: 1, unknown: 0 },
      reused: null,
      advisoriesUpdatedAt: new Date("2026-01-01T00:00:00.000Z"),
      progress: { phase: "done", layersDone: 3, layersTotal: 3, bytesDone: 600, bytesTotal: 600 },
      lease: null,
      error: null,
    });
    const findings = await setup.deps.scans.allFindings(queued.id);
    expect(findings.map((f) => [f.vulnerabilityId, f.severity])).toEqual([
      ["CVE-2026-1", "CRITICAL"],
      ["CVE-2026-3", "HIGH"],
      ["CVE-2026-2", "LOW"],
    ]);
    expect(new Set(findings.map((f) => f.id)).size).toBe(3);
    expect(findings.every((f) => f.scanId === queued.id)).toBe(true);
    expect(await setup.deps.inventories.get(digestOf(1))).not.toBeNull();
    const uses = (
      setup.deps.audit as unknown as {
        entries(): Array<{ action: string; actorId: string; metadata: Record<string, unknown> }>;
      }
    )
      .entries()
      .filter((e) => e.action === "credential.use");
    expect(uses).toEqual([
      expect.objectContaining({
        actorId: setup.owner.id,
        metadata: expect.objectContaining({ purpose: "scan", scanId: queued.id }),
      }),
    ]);
  });

  it("reuses the findings of a digest scanned against the same advisories, without pulling", async () => {
    const setup = await scanSetup();
    const first = await queue(setup);
    await claimAndRun(setup);
    const second = await queue(setup, `${HOST}/team/app:same-as-1.0`);
    await claimAndRun(setup);
    expect(setup.scanner.pulls).toHaveLength(1);
    const scan = await setup.deps.scans.get(setup.orgId, second.id);
    expect(scan).toMatchObject({
      status: "succeeded",
      reused: { scanId: first.id, reason: "same_digest" },
      summary: { critical: 1 },
    });
    const copied = await setup.deps.scans.allFindings(second.id);
    const original = await setup.deps.scans.allFindings(first.id);
    expect(copied.map((f) => f.vulnerabilityId)).toEqual(original.map((f) => f.vulnerabilityId));
    expect(copied.some((f) => original.some((o) => o.id === f.id))).toBe(false);
  });

  it("re-matches the stored inventory when only the advisories changed", async () => {
    const setup = await scanSetup();
    const first = await queue(setup);
    await claimAndRun(setup);
    setup.refreshAdvisories("2026-02-01T00:00:00.000Z");
    setup.scanner.setAdvisories({ "zlib@1.2": [] });
    const second = await queue(setup);
    await claimAndRun(setup);
    expect(setup.scanner.pulls).toHaveLength(1);
    expect(setup.scanner.matches).toBe(2);
    expect(await setup.deps.scans.get(setup.orgId, second.id)).toMatchObject({
      status: "succeeded",
      reused: { scanId: first.id, reason: "advisories_updated" },
      summary: { critical: 0, high: 0 },
      advisoriesUpdatedAt: new Date("2026-02-01T00:00:00.000Z"),
    });
  });

  it("retries a transient failure with backoff, then succeeds", async () => {
    const setup = await scanSetup();
    const queued = await queue(setup);
    setup.scanner.failNext(new DomainError("upstream_unavailable", "Cannot reach rg.fr-par.scw.cloud."));
    const { result } = await claimAndRun(setup);
    expect(result.outcome).toBe("retrying");
    expect(await setup.deps.scans.get(setup.orgId, queued.id)).toMatchObject({
      status: "queued",
      attempts: 1,
      error: { code: "upstream_unavailable" },
      notBefore: new Date(setup.base.clock.now().getTime() + 1000),
    });
    expect(setup.queue.sent.at(-1)).toEqual({ scanId: queued.id, delaySeconds: 1 });
    expect(await claimNextScan(setup.deps, "runner-1")).toBeNull();
    setup.base.clock.advance(1000);
    const { result: second } = await claimAndRun(setup);
    expect(second.outcome).toBe("succeeded");
    expect(await setup.deps.scans.get(setup.orgId, queued.id)).toMatchObject({
      status: "succeeded",
      attempts: 2,
      error: null,
    });
  });

  it("gives up after the last attempt: a layer that keeps breaking off ends scan_failed naming it", async () => {
    const setup = await scanSetup({ policy: { maxAttempts: 3 } });
    const queued = await queue(setup);
    const layer = `sha256:${"c".repeat(64)}`;
    setup.scanner.failNext(
      new DomainError("upstream_unavailable", `The download of layer ${layer} broke off; try again.`, {
        digest: layer,
      }),
      3,
    );
    const outcomes: string[] = [];
    for (let i = 0; i < 3; i++) {
      outcomes.push((await claimAndRun(setup)).result.outcome);
      setup.base.clock.advance(60_000);
    }
    expect(outcomes).toEqual(["retrying", "retrying", "failed"]);
    const scan = await setup.deps.scans.get(setup.orgId, queued.id);
    expect(scan?.status).toBe("failed");
    expect(scan?.error?.code).toBe("scan_failed");
    expect(scan?.error?.message).toContain(layer);
    expect(scan?.error?.message).toContain("gave up after 3 attempts");
  });

  it.each([
    { name: "an unknown tag", image: `${HOST}/team/app:9.9`, code: "tag_not_found" },
    { name: "an unknown image", image: `${HOST}/team/nope:1`, code: "image_not_found" },
  ])("fails at once for $name ($code)", async ({ image, code }) => {
    const setup = await scanSetup();
    const queued = await queue(setup, image);
    const { result } = await claimAndRun(setup);
    expect(result.outcome).toBe("failed");
    expect(await setup.deps.scans.get(setup.orgId, queued.id)).toMatchObject({
      status: "failed",
      attempts: 1,
      error: { code },
    });
  });

  it("fails inventory_incomplete rather than report a clean image", async () => {
    const setup = await scanSetup();
    const queued = await queue(setup, `${HOST}/team/app:broken`);
    await claimAndRun(setup);
    const scan = await setup.deps.scans.get(setup.orgId, queued.id);
    expect(scan?.error?.code).toBe("inventory_incomplete");
    expect(scan?.error?.message).toContain("dpkg: the status file is corrupt");
    expect(await setup.deps.inventories.get(digestOf(7))).toBeNull();
  });

  it("stops a running scan on a cancel request and ends it cancelled", async () => {
    const setup = await scanSetup();
    const queued = await queue(setup);
    setup.scanner.hold();
    const job = await claimNextScan(setup.deps, "runner-1");
    const running = runScan(setup.deps, job!, { owner: "runner-1", heartbeatMs: 5 });
    await until(() => setup.scanner.running === 1);
    await setup.deps.scans.requestCancel(setup.orgId, queued.id, setup.base.clock.now());
    expect((await running).outcome).toBe("cancelled");
    expect((await setup.deps.scans.get(setup.orgId, queued.id))?.status).toBe("cancelled");
  });

  it("stops a runner whose lease was taken over, leaving the job to the new holder", async () => {
    const setup = await scanSetup();
    const queued = await queue(setup);
    setup.scanner.hold();
    const job = await claimNextScan(setup.deps, "old");
    const running = runScan(setup.deps, job!, { owner: "old", heartbeatMs: 5 });
    await until(() => setup.scanner.running === 1);
    setup.base.clock.advance(setup.deps.scanPolicy.leaseMs + 1);
    const taken = await claimNextScan(setup.deps, "new");
    expect(taken?.id).toBe(queued.id);
    expect((await running).outcome).toBe("lost");
    expect(await setup.deps.scans.get(setup.orgId, queued.id)).toMatchObject({
      status: "running",
      lease: { owner: "new" },
    });
  });

  it("releases the job on shutdown without counting the attempt", async () => {
    const setup = await scanSetup();
    const queued = await queue(setup);
    setup.scanner.hold();
    const shutdown = new AbortController();
    const job = await claimNextScan(setup.deps, "runner-1");
    const running = runScan(setup.deps, job!, { owner: "runner-1", heartbeatMs: 5, shutdown: shutdown.signal });
    await until(() => setup.scanner.running === 1);
    shutdown.abort();
    expect((await running).outcome).toBe("released");
    expect(await setup.deps.scans.get(setup.orgId, queued.id)).toMatchObject({
      status: "queued",
      attempts: 0,
      lease: null,
    });
  });

  it("fails a run that outlives its time limit, whatever it waits for", async () => {
    const setup = await scanSetup({ policy: { maxRunMs: 30 } });
    const queued = await queue(setup);
    setup.scanner.hold();
    const job = await claimNextScan(setup.deps, "runner-1");
    const result = await runScan(setup.deps, job!, { owner: "runner-1", heartbeatMs: 5 });
    expect(result.outcome).toBe("failed");
    const scan = await setup.deps.scans.get(setup.orgId, queued.id);
    expect(scan?.error?.code).toBe("scan_failed");
    expect(scan?.error?.message).toContain("took longer than");
  });

  it("records progress while the layers are pulled", async () => {
    const setup = await scanSetup();
    const queued = await queue(setup);
    setup.scanner.hold();
    const job = await claimNextScan(setup.deps, "runner-1");
    const running = runScan(setup.deps, job!, { owner: "runner-1", heartbeatMs: 5 });
    await until(async () => (await setup.deps.scans.get(setup.orgId, queued.id))?.progress.phase === "pulling");
    expect((await setup.deps.scans.get(setup.orgId, queued.id))?.digest).toBe(digestOf(1));
    setup.scanner.release();
    expect((await running).outcome).toBe("succeeded");
  });

  it("fails a job whose runners kept dying, once its attempts are used up", async () => {
    const setup = await scanSetup({ policy: { maxAttempts: 2 } });
    const queued = await queue(setup);
    for (let i = 0; i < 2; i++) {
      await claimNextScan(setup.deps, `dead-${i}`);
      setup.base.clock.advance(setup.deps.scanPolicy.leaseMs + 1);
    }
    const { result } = await claimAndRun(setup);
    expect(result.outcome).toBe("failed");
    expect((await setup.deps.scans.get(setup.orgId, queued.id))?.error?.message).toContain("interrupted 2 times");
  });

  it("fails internal on a bug and hands the error to the runner", async () => {
    const setup = await scanSetup();
    const queued = await queue(setup);
    setup.deps.scanner.match = async () => {
      throw new TypeError("x is undefined");
    };
    const { result } = await claimAndRun(setup);
    expect(result.outcome).toBe("failed");
    expect(result.unexpected).toBeInstanceOf(TypeError);
    const scan = await setup.deps.scans.get(setup.orgId, queued.id);
    expect(scan?.error).toEqual({ code: "internal", message: expect.not.stringContaining("x is undefined") });
  });

  it("fails not_found when the credential was deleted before the scan ran", async () => {
    const setup = await scanSetup();
    const queued = await queue(setup);
    await setup.deps.credentials.delete(setup.orgId, setup.credentialId);
    await claimAndRun(setup);
    expect((await setup.deps.scans.get(setup.orgId, queued.id))?.error?.code).toBe("not_found");
  });
});
