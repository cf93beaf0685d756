import { describe, expect, it } from "vitest";
import { createProject } from "../orgs/projects.js";
import { cancelScan } from "./cancel-scan.js";
import { getScan, listScanFindings, listScans, loadScanResult } from "./read-scans.js";
import { claimNextScan, runScan } from "./run-scan.js";
import { HOST, scanSetup } from "./scan-test-setup.js";
import { startScan } from "./start-scan.js";

async function setupWithScan() {
  const setup = await scanSetup();
  const start = (image: string) =>
    startScan(setup.deps, setup.owner, setup.projectId, { credentialId: setup.credentialId, image });
  const done = (await start(`${HOST}/team/app:1.0`)).scan;
  const job = await claimNextScan(setup.deps, "r");
  await runScan(setup.deps, job!, { owner: "r", heartbeatMs: 5 });
  setup.base.clock.advance(1);
  const queued = (await start(`${HOST}/team/app:1.1`)).scan;
  return { ...setup, done, queued };
}

describe("reading scans", () => {
  it("gets a scan of the project for a reader; another project's id is not_found", async () => {
    const s = await setupWithScan();
    expect((await getScan(s.deps, s.reader, s.projectId, s.done.id)).status).toBe("succeeded");
    const other = await createProject(s.deps, s.owner, s.orgId, { name: "other" });
    await expect(getScan(s.deps, s.owner, other.id, s.done.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(getScan(s.deps, s.owner, s.projectId, "missing")).rejects.toMatchObject({ code: "not_found" });
  });

  it("lists newest first with filters", async () => {
    const s = await setupWithScan();
    const all = await listScans(s.deps, s.reader, s.projectId, {}, { limit: 10 });
    expect(all.items.map((j) => j.id)).toEqual([s.queued.id, s.done.id]);
    const queued = await listScans(s.deps, s.reader, s.projectId, { status: "queued" }, { limit: 10 });
    expect(queued.items.map((j) => j.id)).toEqual([s.queued.id]);
  });

  it("pages findings with severity and fixable filters", async () => {
    const s = await setupWithScan();
    const { findings } = await listScanFindings(
      s.deps,
      s.reader,
      s.projectId,
      s.done.id,
      { fixable: true },
      { limit: 10 },
    );
    expect(findings.items.map((f) => f.vulnerabilityId)).toEqual(["CVE-2026-1", "CVE-2026-3"]);
    const low = await listScanFindings(
      s.deps,
      s.reader,
      s.projectId,
      s.done.id,
      { severities: ["LOW"] },
      { limit: 10 },
    );
    expect(low.findings.items.map((f) => f.vulnerabilityId)).toEqual(["CVE-2026-2"]);
  });

  it("loads a result for reports only once the scan succeeded", async () => {
    const s = await setupWithScan();
    const result = await loadScanResult(s.deps, s.reader, s.projectId, s.done.id);
    expect(result.findings).toHaveLength(3);
    expect(JSON.parse(result.inventory)).toMatchObject({ packages: ["openssl@3.0.1", "zlib@1.2"] });
    await expect(loadScanResult(s.deps, s.reader, s.projectId, s.queued.id)).rejects.toMatchObject({
      code: "conflict",
    });
  });
});

describe("cancelScan", () => {
  it("cancels a queued scan at once (start_scan), audited", async () => {
    const s = await setupWithScan();
    await expect(cancelScan(s.deps, s.reader, s.projectId, s.queued.id)).rejects.toMatchObject({ code: "forbidden" });
    expect((await cancelScan(s.deps, s.owner, s.projectId, s.queued.id)).status).toBe("cancelled");
    expect((await cancelScan(s.deps, s.owner, s.projectId, s.queued.id)).status).toBe("cancelled");
    const audit = (s.deps.audit as unknown as { entries(): Array<{ action: string }> }).entries();
    expect(audit.filter((e) => e.action === "scan.cancel")).toHaveLength(1);
  });

  it("refuses to cancel a finished scan", async () => {
    const s = await setupWithScan();
    await expect(cancelScan(s.deps, s.owner, s.projectId, s.done.id)).rejects.toMatchObject({ code: "conflict" });
  });
});
