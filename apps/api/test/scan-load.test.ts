// Many scans at once through the started API: all end (none lost, none stuck), the limits hold
// (scans running per process and per organization, measured through the API and at the registry
// proxy), another organization's scans are not starved, and the per-organization queue limit
// answers 429 rate_limited with Retry-After.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SKIP_REASON, testImages } from "../../../packages/scanner/test/support/test-images.js";
import { addOrganization, type FaultWorld, listAllScans, startFaultWorld } from "./support/fault-world.js";
import { registry } from "./support/scan-world.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const ended = (s: Record<string, any>) => ["succeeded", "failed", "cancelled"].includes(s.status);

describe.skipIf(!registry)(`100 scans at once ${registry ? "" : SKIP_REASON}`, () => {
  let world: FaultWorld;
  let second: Awaited<ReturnType<typeof addOrganization>>;

  beforeAll(async () => {
    world = await startFaultWorld(
      { REGSCAN_SCAN_CONCURRENCY: "2", REGSCAN_ORG_SCAN_CONCURRENCY: "1" },
      // Every registry answer a little late, so scans that reuse a result still overlap.
      { responseDelayMs: 25 },
    );
    second = await addOrganization(world.api, "second");
  }, 180_000);

  afterAll(async () => {
    await world?.close();
  });

  it("ends all of them within the limits, reusing results, without starving another organization", async () => {
    const digest = testImages()!.describe("base").manifestDigest;
    const refs = [world.ref("base"), world.ref("base", "v2s2"), `${world.proxy.host}/regscan/base@${digest}`];
    const post = (projectId: string, credentialId: string, image: string) =>
      world.api.request("POST", `/v1/projects/${projectId}/scans`, { body: { credentialId, image } });

    const first = await Promise.all(
      Array.from({ length: 100 }, (_, i) => post(world.projectId, world.credentialId, refs[i % refs.length]!)),
    );
    expect(first.map((r) => r.status)).toEqual(Array(100).fill(202));
    // The second organization asks while the first one's queue is full.
    const otherRefs = [world.ref("multi"), world.ref("multi", "v2s2")];
    const other = await Promise.all(
      Array.from({ length: 20 }, (_, i) => post(second.projectId, second.credentialId, otherRefs[i % 2]!)),
    );
    expect(other.map((r) => r.status)).toEqual(Array(20).fill(202));

    // Sample the running scans of both organizations while they run.
    const samples: Array<{ a: number; b: number }> = [];
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        const [a, b] = await Promise.all([
          listAllScans(world.api, world.projectId, "running"),
          listAllScans(world.api, second.projectId, "running"),
        ]);
        samples.push({ a: a.length, b: b.length });
        await sleep(20);
      }
    })();
    const deadline = Date.now() + 150_000;
    let mine: Array<Record<string, any>> = [];
    let theirs: Array<Record<string, any>> = [];
    try {
      for (;;) {
        [mine, theirs] = await Promise.all([
          listAllScans(world.api, world.projectId),
          listAllScans(world.api, second.projectId),
        ]);
        if ([...mine, ...theirs].every(ended)) break;
        if (Date.now() > deadline) throw new Error("scans still not ended after 150 s");
        await sleep(500);
      }
    } finally {
      sampling = false;
      await sampler;
    }

    // None lost, none stuck, each run once.
    expect(mine).toHaveLength(100);
    expect(theirs).toHaveLength(20);
    for (const scan of [...mine, ...theirs]) {
      expect(scan, JSON.stringify(scan)).toMatchObject({ status: "succeeded", attempts: 1, summary: { critical: 1 } });
    }
    // Reuse: in each organization only the first scan of a digest did the work.
    for (const scans of [mine, theirs]) {
      const digests = new Set(scans.map((s) => s.digest));
      expect(scans.filter((s) => !s.reused)).toHaveLength(digests.size);
      expect(scans.filter((s) => s.reused?.reason === "same_digest")).toHaveLength(scans.length - digests.size);
    }
    expect(world.proxy.layerGets().length).toBeLessThanOrEqual(2);

    // The limits, seen through the API: at most one running scan per organization.
    expect(Math.max(...samples.map((s) => s.a))).toBe(1);
    expect(Math.max(...samples.map((s) => s.b))).toBeLessThanOrEqual(1);
    // … and at the registry: each organization pulls from its own repository.
    const repo = (name: string) => (r: { path: string }) => r.path.startsWith(`/v2/regscan/${name}/`);
    expect(world.proxy.maxConcurrent(repo("base"))).toBe(1);
    expect(world.proxy.maxConcurrent(repo("multi"))).toBe(1);
    // Both organizations ran at once (the process's 2 slots), never more.
    expect(world.proxy.maxConcurrent((r) => r.path !== "/v2/")).toBe(2);

    // Not starved: the second organization's 20 scans all ended before the first one's 100.
    const lastEnd = (scans: Array<Record<string, any>>) => Math.max(...scans.map((s) => Date.parse(s.finishedAt)));
    expect(lastEnd(theirs)).toBeLessThan(lastEnd(mine));
  }, 200_000);
});

describe.skipIf(!registry)(`the per-organization queue limit ${registry ? "" : SKIP_REASON}`, () => {
  it("answers 429 rate_limited with Retry-After over REGSCAN_ORG_SCAN_QUEUE_LIMIT", async () => {
    // A process that runs no scans: everything it accepts stays queued.
    const world = await startFaultWorld({ REGSCAN_SCAN_CONCURRENCY: "0", REGSCAN_ORG_SCAN_QUEUE_LIMIT: "5" });
    try {
      const answers = await Promise.all(
        Array.from({ length: 9 }, () =>
          world.api.request("POST", world.scansPath(), {
            body: { credentialId: world.credentialId, image: world.ref("base") },
          }),
        ),
      );
      expect(answers.filter((r) => r.status === 202)).toHaveLength(5);
      const refused = answers.filter((r) => r.status !== 202);
      expect(refused).toHaveLength(4);
      for (const r of refused) {
        expect(r).toMatchObject({ status: 429, body: { code: "rate_limited" } });
        expect(Number(r.headers.get("retry-after"))).toBeGreaterThan(0);
        expect(r.headers.get("content-type")).toContain("application/problem+json");
      }
      expect(await listAllScans(world.api, world.projectId, "queued")).toHaveLength(5);
      // A cancelled scan frees its place in the queue.
      const queued = answers.find((r) => r.status === 202)!.body.id;
      await world.api.request("POST", `${world.scansPath()}/${queued}/cancel`);
      await world.startScan(world.ref("base"));
    } finally {
      await world.close();
    }
  }, 120_000);
});
