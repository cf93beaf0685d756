import { describe, expect, it } from "vitest";
import { QUEUED_PROGRESS, type ScanJob, type StoredFinding } from "../../model/scan.js";
import type { ClaimRequest, ScanOutcome, ScanRepository } from "../../ports/scans.js";
import { domainError, type MakeSubject, useSubject } from "./contract-subject.js";

const T0 = Date.parse("2026-03-04T05:06:07.089Z");
const at = (ms: number) => new Date(T0 + ms);
const HOST = "rg.fr-par.scw.cloud";

/** A queued scan job; `n` orders creation times. */
export function scanJob(id: string, n: number, overrides: Partial<ScanJob> = {}): ScanJob {
  return {
    id,
    orgId: "org-a",
    projectId: "proj-1",
    credentialId: "cred-1",
    image: `${HOST}/team/app:v${n}`,
    target: { namespace: "team", image: "app", tag: `v${n}`, digest: null },
    digest: null,
    status: "queued",
    progress: { ...QUEUED_PROGRESS },
    summary: null,
    error: null,
    reused: null,
    advisoriesUpdatedAt: null,
    warnings: [],
    createdAt: at(n),
    startedAt: null,
    finishedAt: null,
    createdBy: "tok-1",
    attempts: 0,
    notBefore: at(n),
    lease: null,
    cancelRequested: false,
    ...overrides,
  };
}

export function storedFinding(scanId: string, n: number, overrides: Partial<StoredFinding> = {}): StoredFinding {
  return {
    id: `${scanId}-f${String(n).padStart(3, "0")}`,
    scanId,
    vulnerabilityId: `CVE-2026-${String(1000 + n)}`,
    aliases: [`DSA-${n}-1`],
    packageName: `pkg${n % 3}`,
    packageVersion: "1.0-1",
    type: "deb",
    ecosystem: "Debian:12",
    purl: `pkg:deb/debian/pkg${n % 3}@1.0-1?distro=debian-12`,
    source: { name: `src${n % 3}`, version: "1.0-1" },
    fixedVersion: n % 2 === 0 ? "1.0-2" : null,
    severity: (["CRITICAL", "HIGH", "MEDIUM", "LOW", "UNKNOWN"] as const)[n % 5]!,
    cvss: { version: "3.1", vector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", score: 9.8 },
    summary: `finding ${n}`,
    layer: `sha256:${"a".repeat(64)}`,
    ...overrides,
  };
}

const claimAt = (ms: number, owner = "runner-1", orgConcurrency = 4): ClaimRequest => ({
  owner,
  now: at(ms),
  leaseUntil: at(ms + 60_000),
  orgConcurrency,
});

const DONE = { phase: "done", layersDone: 2, layersTotal: 2, bytesDone: 10, bytesTotal: 10 } as const;

function success(findings: StoredFinding[]): ScanOutcome {
  return {
    status: "succeeded",
    digest: `sha256:${"d".repeat(64)}`,
    summary: { critical: 1, high: 0, medium: 0, low: 0, unknown: 0 },
    findings,
    reused: null,
    advisoriesUpdatedAt: at(5),
    warnings: ["no Go advisories"],
    progress: DONE,
  };
}

/** The behaviour every {@link ScanRepository} must have. */
export function describeScanRepositoryContract(make: MakeSubject<ScanRepository>): void {
  describe("ScanRepository contract", () => {
    const repo = useSubject(make);
    const limits = { maxQueued: 100 };

    it("round-trips a job, scoped by organization", async () => {
      const job = scanJob("s-1", 1, {
        target: { namespace: "team", image: "a/b", tag: null, digest: `sha256:${"1".repeat(64)}` },
      });
      expect(await repo().create(job, limits)).toBe(true);
      expect(await repo().get("org-a", "s-1")).toEqual(job);
      expect(await repo().get("org-b", "s-1")).toBeNull();
      await expect(repo().create(job, limits)).rejects.toMatchObject(domainError("conflict"));
    });

    it("finds a job by id alone, for runners, and its lease once claimed", async () => {
      await repo().create(scanJob("s-1", 1, { orgId: "org-b" }), limits);
      expect(await repo().find("s-1")).toEqual(scanJob("s-1", 1, { orgId: "org-b" }));
      expect(await repo().find("missing")).toBeNull();
      await repo().claim("s-1", claimAt(10));
      expect(await repo().find("s-1")).toMatchObject({
        status: "running",
        attempts: 1,
        lease: { owner: "runner-1", expiresAt: claimAt(10).leaseUntil },
      });
    });

    it("refuses a job over the organization's queue limit, counting only queued jobs of that org", async () => {
      expect(await repo().create(scanJob("s-1", 1), { maxQueued: 2 })).toBe(true);
      expect(await repo().create(scanJob("s-2", 2), { maxQueued: 2 })).toBe(true);
      expect(await repo().create(scanJob("s-3", 3), { maxQueued: 2 })).toBe(false);
      expect(await repo().get("org-a", "s-3")).toBeNull();
      expect(await repo().create(scanJob("s-4", 4, { orgId: "org-b" }), { maxQueued: 2 })).toBe(true);
      await repo().claimNext(claimAt(10));
      expect(await repo().create(scanJob("s-5", 5), { maxQueued: 2 })).toBe(true);
    });

    it("lists a project's scans newest first, page by page, filtered by status and image", async () => {
      for (let i = 1; i <= 7; i++) await repo().create(scanJob(`s-${i}`, i), limits);
      await repo().create(scanJob("other", 8, { projectId: "proj-2" }), limits);
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await repo().list("proj-1", {}, { limit: 3, cursor });
        seen.push(...page.items.map((j) => j.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(seen).toEqual(["s-7", "s-6", "s-5", "s-4", "s-3", "s-2", "s-1"]);
      await repo().claimNext(claimAt(100));
      expect((await repo().list("proj-1", { status: "running" }, { limit: 10 })).items.map((j) => j.id)).toEqual([
        "s-1",
      ]);
      expect(
        (await repo().list("proj-1", { image: `${HOST}/team/app:v3` }, { limit: 10 })).items.map((j) => j.id),
      ).toEqual(["s-3"]);
      expect((await repo().list("proj-1", { image: `${HOST}/team/app` }, { limit: 10 })).items).toHaveLength(7);
    });

    it("claims the oldest claimable job, leased, attempts counted, never before notBefore", async () => {
      await repo().create(scanJob("late", 1, { notBefore: at(1000) }), limits);
      await repo().create(scanJob("s-2", 2), limits);
      await repo().create(scanJob("s-3", 3), limits);
      const first = await repo().claimNext(claimAt(10));
      expect(first).toMatchObject({ id: "s-2", status: "running", attempts: 1, lease: { owner: "runner-1" } });
      expect(first?.startedAt).toEqual(at(10));
      expect((await repo().claimNext(claimAt(11)))?.id).toBe("s-3");
      expect(await repo().claimNext(claimAt(12))).toBeNull();
      expect((await repo().claimNext(claimAt(1000)))?.id).toBe("late");
    });

    it("never hands one job to two concurrent claims", async () => {
      for (let i = 1; i <= 5; i++) await repo().create(scanJob(`s-${i}`, i), limits);
      const claims = await Promise.all(
        Array.from({ length: 12 }, (_, i) => repo().claimNext(claimAt(10, `runner-${i}`, 100))),
      );
      const ids = claims.filter((c) => c !== null).map((c) => c.id);
      expect(ids.sort()).toEqual(["s-1", "s-2", "s-3", "s-4", "s-5"]);
    });

    it("respects the per-organization concurrency, counting only live leases", async () => {
      for (let i = 1; i <= 3; i++) await repo().create(scanJob(`a-${i}`, i), limits);
      await repo().create(scanJob("b-1", 4, { orgId: "org-b", projectId: "proj-b" }), limits);
      expect((await repo().claimNext(claimAt(10, "r", 2)))?.id).toBe("a-1");
      expect((await repo().claimNext(claimAt(10, "r", 2)))?.id).toBe("a-2");
      expect((await repo().claimNext(claimAt(10, "r", 2)))?.id).toBe("b-1");
      expect(await repo().claimNext(claimAt(10, "r", 2))).toBeNull();
      // a-1's lease expires: it is claimable again, and no longer counts as running.
      const reclaimed = await repo().claimNext(claimAt(70_000, "r2", 2));
      expect(reclaimed).toMatchObject({ status: "running", attempts: 2, lease: { owner: "r2" } });
      expect(["a-1", "a-2"]).toContain(reclaimed?.id);
    });

    it("claims a named job only when it is claimable", async () => {
      await repo().create(scanJob("s-1", 1), limits);
      await repo().create(scanJob("later", 2, { notBefore: at(5000) }), limits);
      expect(await repo().claim("later", claimAt(10))).toBeNull();
      expect((await repo().claim("s-1", claimAt(10)))?.lease?.owner).toBe("runner-1");
      expect(await repo().claim("s-1", claimAt(11, "runner-2"))).toBeNull();
      expect(await repo().claim("missing", claimAt(11))).toBeNull();
    });

    it("lists the ids of jobs claimable at a time, oldest first, bounded", async () => {
      await repo().create(scanJob("due", 1), limits);
      await repo().create(scanJob("later", 2, { notBefore: at(5000) }), limits);
      await repo().create(scanJob("running", 3), limits);
      await repo().create(scanJob("done", 4), limits);
      await repo().claim("running", claimAt(10));
      await repo().claim("done", claimAt(10));
      await repo().finish("done", "runner-1", { status: "cancelled", progress: { ...QUEUED_PROGRESS } }, at(20));
      expect(await repo().listClaimable(at(100), 10)).toEqual(["due"]);
      expect(await repo().listClaimable(at(60_011), 10)).toEqual(["due", "running", "later"]);
      expect(await repo().listClaimable(at(60_011), 2)).toEqual(["due", "running"]);
    });

    it("heartbeats only for the lease holder, reporting a cancel request", async () => {
      await repo().create(scanJob("s-1", 1), limits);
      await repo().claimNext(claimAt(10));
      const progress = { phase: "pulling", layersDone: 1, layersTotal: 3, bytesDone: 5, bytesTotal: 15 } as const;
      const digest = `sha256:${"e".repeat(64)}`;
      expect(await repo().heartbeat("s-1", "runner-1", { progress, digest, leaseUntil: at(90_000) })).toEqual({
        held: true,
        cancelRequested: false,
      });
      expect(await repo().get("org-a", "s-1")).toMatchObject({ progress, digest, lease: { expiresAt: at(90_000) } });
      expect((await repo().heartbeat("s-1", "intruder", { progress, digest: null, leaseUntil: at(1) })).held).toBe(
        false,
      );
      await repo().requestCancel("org-a", "s-1", at(20));
      expect(await repo().heartbeat("s-1", "runner-1", { progress, digest: null, leaseUntil: at(95_000) })).toEqual({
        held: true,
        cancelRequested: true,
      });
      expect((await repo().get("org-a", "s-1"))?.digest).toBe(digest);
    });

    it("stops a runner whose lease expired and was taken over", async () => {
      await repo().create(scanJob("s-1", 1), limits);
      await repo().claimNext(claimAt(10, "old"));
      await repo().claimNext(claimAt(120_000, "new"));
      const update = { progress: QUEUED_PROGRESS, digest: null, leaseUntil: at(200_000) };
      expect((await repo().heartbeat("s-1", "old", update)).held).toBe(false);
      expect(await repo().finish("s-1", "old", success([]), at(130_000))).toBe(false);
      expect(await repo().finish("s-1", "new", success([]), at(130_000))).toBe(true);
    });

    it("stores a success with its findings, atomically with the job", async () => {
      await repo().create(scanJob("s-1", 1), limits);
      await repo().claimNext(claimAt(10));
      const findings = Array.from({ length: 12 }, (_, i) => storedFinding("s-1", i));
      expect(await repo().finish("s-1", "runner-1", success(findings), at(50))).toBe(true);
      const job = await repo().get("org-a", "s-1");
      expect(job).toMatchObject({
        status: "succeeded",
        digest: `sha256:${"d".repeat(64)}`,
        summary: { critical: 1 },
        advisoriesUpdatedAt: at(5),
        warnings: ["no Go advisories"],
        finishedAt: at(50),
        lease: null,
        progress: DONE,
      });
      const all = await repo().allFindings("s-1");
      expect(all).toHaveLength(12);
      expect(all.map((f) => f.severity).slice(0, 3)).toEqual(["CRITICAL", "CRITICAL", "CRITICAL"]);
      expect(all.find((f) => f.id === "s-1-f001")).toEqual(findings[1]);
      expect(await repo().finish("s-1", "runner-1", success([]), at(60))).toBe(false);
    });

    it("pages findings in order, filtered by severity and fixability", async () => {
      await repo().create(scanJob("s-1", 1), limits);
      await repo().claimNext(claimAt(10));
      const findings = Array.from({ length: 25 }, (_, i) => storedFinding("s-1", i));
      await repo().finish("s-1", "runner-1", success(findings), at(50));
      const all = await repo().allFindings("s-1");
      const paged: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await repo().listFindings("s-1", {}, { limit: 4, cursor });
        paged.push(...page.items.map((f) => f.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(paged).toEqual(all.map((f) => f.id));
      const high = await repo().listFindings("s-1", { severities: ["HIGH", "LOW"] }, { limit: 100 });
      expect(high.items.every((f) => f.severity === "HIGH" || f.severity === "LOW")).toBe(true);
      expect(high.items).toHaveLength(10);
      const fixable = await repo().listFindings("s-1", { fixable: true }, { limit: 100 });
      expect(fixable.items).toHaveLength(13);
      expect(fixable.items.every((f) => f.fixedVersion !== null)).toBe(true);
      expect((await repo().listFindings("other", {}, { limit: 10 })).items).toEqual([]);
    });

    it("requeues a retry (attempt counted) or a release (not counted)", async () => {
      await repo().create(scanJob("s-1", 1), limits);
      await repo().claimNext(claimAt(10));
      const error = { code: "upstream_unavailable", message: "registry down" };
      const retry: ScanOutcome = {
        status: "queued",
        notBefore: at(5000),
        countAttempt: true,
        error,
        progress: QUEUED_PROGRESS,
      };
      expect(await repo().finish("s-1", "runner-1", retry, at(20))).toBe(true);
      expect(await repo().get("org-a", "s-1")).toMatchObject({
        status: "queued",
        attempts: 1,
        error,
        lease: null,
        notBefore: at(5000),
      });
      expect(await repo().claimNext(claimAt(4000))).toBeNull();
      expect((await repo().claimNext(claimAt(5000)))?.attempts).toBe(2);
      const release: ScanOutcome = {
        status: "queued",
        notBefore: at(5001),
        countAttempt: false,
        error: null,
        progress: QUEUED_PROGRESS,
      };
      expect(await repo().finish("s-1", "runner-1", release, at(5001))).toBe(true);
      expect(await repo().get("org-a", "s-1")).toMatchObject({ status: "queued", attempts: 1, error: null });
    });

    it("records a failure and a cancellation", async () => {
      await repo().create(scanJob("s-1", 1), limits);
      await repo().create(scanJob("s-2", 2), limits);
      await repo().claimNext(claimAt(10));
      await repo().claimNext(claimAt(10));
      const error = { code: "tag_not_found", message: "no such tag" };
      await repo().finish("s-1", "runner-1", { status: "failed", error, progress: QUEUED_PROGRESS }, at(30));
      await repo().finish("s-2", "runner-1", { status: "cancelled", progress: QUEUED_PROGRESS }, at(31));
      expect(await repo().get("org-a", "s-1")).toMatchObject({ status: "failed", error, finishedAt: at(30) });
      expect(await repo().get("org-a", "s-2")).toMatchObject({ status: "cancelled", finishedAt: at(31) });
    });

    it("cancels a queued job at once and flags a running one", async () => {
      await repo().create(scanJob("s-1", 1), limits);
      await repo().create(scanJob("s-2", 2), limits);
      await repo().claimNext(claimAt(10));
      expect(await repo().requestCancel("org-a", "s-2", at(20))).toMatchObject({
        status: "cancelled",
        finishedAt: at(20),
      });
      expect(await repo().requestCancel("org-a", "s-1", at(20))).toMatchObject({
        status: "running",
        cancelRequested: true,
      });
      expect(await repo().requestCancel("org-b", "s-1", at(20))).toBeNull();
      expect(await repo().claimNext(claimAt(30))).toBeNull();
    });

    it("finds the organization's newest succeeded scan of a digest", async () => {
      const digest = `sha256:${"d".repeat(64)}`;
      for (const [id, n] of [
        ["s-1", 1],
        ["s-2", 2],
      ] as const) {
        await repo().create(scanJob(id, n), limits);
        await repo().claimNext(claimAt(10 * n));
        await repo().finish(id, "runner-1", success([]), at(100 * n));
      }
      await repo().create(scanJob("s-3", 3), limits);
      expect((await repo().latestSucceeded("org-a", digest))?.id).toBe("s-2");
      expect(await repo().latestSucceeded("org-b", digest)).toBeNull();
      expect(await repo().latestSucceeded("org-a", `sha256:${"0".repeat(64)}`)).toBeNull();
    });
  });
}
