/**
 * Scans on Workers: started over HTTP, queued on the scan queue, run by the queue consumer against
 * the real test registry, with the lease that makes duplicated and redelivered messages harmless.
 */
import { env } from "cloudflare:test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { QueueBatch } from "../../src/worker/cloudflare-bindings.js";
import worker from "../../src/worker.js";
import {
  call,
  captureLogs,
  controls,
  expectNoLeak,
  setUpCredential,
  waitForScan,
  workerEnv,
  world,
} from "./worker-client.js";

describe.skipIf(!world.available)(`scans on the Worker ${world.skipReason}`, () => {
  let orgId: string;
  let projectId: string;
  let credentialId: string;
  const scans = () => `/v1/projects/${projectId}/scans`;
  const start = async (image: string) => {
    const started = await call("POST", scans(), { body: { credentialId, image } });
    expect(started.status, started.text).toBe(202);
    return started.body.id as string;
  };
  const message = (scanId: string) => ({
    id: crypto.randomUUID(),
    timestamp: new Date(),
    attempts: 1,
    body: { scanId },
  });
  /** Delivers messages to the Worker's queue handler, as the queue does; reports acks and retries. */
  const deliver = async (messages: ReturnType<typeof message>[]) => {
    const acked: string[] = [];
    const retried: string[] = [];
    const batch: QueueBatch = {
      queue: "regscan-scans",
      messages: messages.map((m) => ({ ...m, ack: () => void acked.push(m.id), retry: () => void retried.push(m.id) })),
      ackAll: () => void acked.push(...messages.map((m) => m.id)),
      retryAll: () => void retried.push(...messages.map((m) => m.id)),
    };
    await worker.queue(batch, workerEnv());
    return { acked, retried };
  };

  let logs: ReturnType<typeof captureLogs>;
  beforeAll(async () => {
    logs = captureLogs();
    ({ orgId, projectId, credentialId } = await setUpCredential());
  });
  afterAll(() => {
    logs.restore();
    // The Scaleway secret key went to the registry on every pull: never into an answer or a log.
    expect(logs.lines.some((l) => l.includes('"message":"scan run ended"'))).toBe(true);
    expectNoLeak(world.registryPassword, logs.lines);
  });

  it("runs a scan started over HTTP on the queue consumer: succeeded with the expected findings", async () => {
    const tags = await call(
      "GET",
      `/v1/projects/${projectId}/credentials/${credentialId}/namespaces/regscan/images/base/tags`,
    );
    const imageRef = tags.body.items.find((t: { name: string }) => t.name === "latest").imageRef;
    const scanId = await start(imageRef);
    const done = await waitForScan(projectId, scanId);
    expect(done).toMatchObject({
      status: "succeeded",
      attempts: 1,
      summary: { critical: 1, high: 0, medium: 0, low: 0, unknown: 0 },
      progress: { phase: "done" },
    });
    expect(done.digest).toMatch(/^sha256:[a-f0-9]{64}$/);
    const findings = await call("GET", `${scans()}/${scanId}/findings`);
    expect(findings.body.items).toEqual([
      expect.objectContaining({ vulnerabilityId: "CVE-2099-0001", severity: "CRITICAL", packageName: "zlib1g" }),
    ]);

    const json = await call("GET", `${scans()}/${scanId}/report?format=json`);
    expect(json.body.vulnerabilities[0]).toMatchObject({ id: "CVE-2099-0001" });
    const sarif = await call("GET", `${scans()}/${scanId}/report?format=sarif`);
    expect(sarif.body.runs[0].results.map((r: { ruleId: string }) => r.ruleId)).toContain("CVE-2099-0001");
    const vex = await call("GET", `${scans()}/${scanId}/report?format=cyclonedx`);
    expect(vex.headers.get("content-type")).toContain("application/vnd.cyclonedx+json");
    expect(vex.body).toMatchObject({ bomFormat: "CycloneDX", specVersion: "1.6" });
    expect(vex.body.vulnerabilities.map((v: { id: string }) => v.id)).toContain("CVE-2099-0001");
    const sbom = await call("GET", `${scans()}/${scanId}/sbom`);
    expect(sbom.body.components.some((c: { name: string }) => c.name === "zlib1g")).toBe(true);
    // The walked layers went to the R2 layer cache (LAYER_CACHE), keyed by diffID.
    const cached = await (
      env.LAYER_CACHE as { list(o: { prefix: string }): Promise<{ objects: { key: string }[] }> }
    ).list({
      prefix: "layers/",
    });
    expect(cached.objects.length).toBeGreaterThan(0);

    // Delivered again after the end: acknowledged, nothing runs.
    const redelivered = message(scanId);
    expect(await deliver([redelivered])).toEqual({ acked: [redelivered.id], retried: [] });
    expect((await call("GET", `${scans()}/${scanId}`)).body.attempts).toBe(1);
  });

  it("runs a scan once when its message is delivered three times at once", async () => {
    const scanId = await start(`${world.registryHost}/regscan/app:latest`);
    const copies = [message(scanId), message(scanId)];
    expect((await deliver(copies)).retried).toEqual([]);
    const done = await waitForScan(projectId, scanId);
    expect(done).toMatchObject({ status: "succeeded", attempts: 1 });
    const audit = await call("GET", `/v1/orgs/${orgId}/audit-log?limit=100`);
    const uses = audit.body.items.filter(
      (e: { action: string; metadata: { scanId?: string } }) =>
        e.action === "credential.use" && e.metadata.scanId === scanId,
    );
    expect(uses).toHaveLength(1);
  });

  it("retries a job whose consumer failed mid-scan: claimed again after its lease, then succeeded", async () => {
    // The database goes away when the scan stores its inventory, so the run cannot even record
    // its end; the message is retried and the job, still leased, is claimed again later.
    await controls.outage(/insert into "image_inventories"/i, 4000);
    const scanId = await start(`${world.registryHost}/regscan/base:v2s2`);
    const done = await waitForScan(projectId, scanId);
    expect(done).toMatchObject({ status: "succeeded", attempts: 2 });
    expect(done.summary).toMatchObject({ critical: 1 });
  });

  it("streams a 320 MiB layer through the isolate without buffering it", async () => {
    await controls.memoryStart();
    const scanId = await start(`${world.registryHost}/regscan/big:latest`);
    let memory: Awaited<ReturnType<typeof controls.memoryStop>>;
    try {
      const done = await waitForScan(projectId, scanId);
      expect(done).toMatchObject({ status: "succeeded", summary: { critical: 1 } });
      expect(done.progress.bytesTotal).toBe(world.bigImage.compressedBytes);
    } finally {
      memory = await controls.memoryStop();
    }
    const grownMiB = (memory.peakKiB - memory.baselineKiB) / 1024;
    console.log(
      `workerd (pid ${memory.pid}, ${memory.name}) while scanning a ${world.bigImage.compressedBytes >> 20} MiB / ${world.bigImage.uncompressedBytes >> 20} MiB layer: ${memory.baselineKiB >> 10} MiB before, peak ${memory.peakKiB >> 10} MiB (+${grownMiB.toFixed(1)} MiB, ${memory.samples} samples)`,
    );
    // The workerd process hosts this test and the Worker: its resident memory grows with what the
    // scan holds, plus garbage V8 has not collected yet. Buffering the blob (65 MiB) or the layer
    // (320 MiB) would show; the old DecompressionStream path grew it by more than 500 MiB.
    expect(memory.name).toBe("workerd");
    expect(grownMiB).toBeLessThan(100);
  });
});
