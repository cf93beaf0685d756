import { describe, expect, it } from "vitest";
import type { Scan } from "../api/api-types.js";
import { finding, NOW, scan, summary } from "../test-support/fixtures.js";
import { collectFindings } from "./collect-findings.js";
import { presentScansNode } from "./present-scans-node.js";
import { groupsOf, ScansTreeModel } from "./scans-tree-model.js";
import { watchScan } from "./watch-scan.js";

describe("watchScan", () => {
  const progress = (phase: Scan["progress"]["phase"], layersDone = 0) => ({
    phase,
    layersDone,
    layersTotal: 2,
    bytesDone: 0,
    bytesTotal: 0,
  });

  it("follows a scan to its end, reporting each change", async () => {
    const states = [
      scan({ status: "running", progress: progress("pulling", 1), summary: null }),
      scan({ status: "running", progress: progress("pulling", 1), summary: null }),
      scan({ status: "succeeded" }),
    ];
    const seen: string[] = [];
    const api = {
      getScan: async () => states.shift()!,
      cancelScan: async () => {
        throw new Error("not cancelled");
      },
    };
    const end = await watchScan(
      api as never,
      "p",
      scan({ status: "queued", progress: progress("queued"), summary: null }),
      {
        sleep: () => Promise.resolve(),
        onUpdate: (s) => seen.push(`${s.status}/${s.progress.phase}/${s.progress.layersDone}`),
      },
    );
    expect(end.status).toBe("succeeded");
    expect(seen).toEqual(["queued/queued/0", "running/pulling/1", "succeeded/done/3"]);
  });

  it("on cancel, asks the API to cancel, then follows the scan until the API says it ended", async () => {
    const calls: string[] = [];
    const cancel = new AbortController();
    const api = {
      getScan: async () => {
        calls.push("get");
        return calls.filter((c) => c === "get").length < 2
          ? scan({ status: "running", summary: null })
          : scan({ status: "cancelled", summary: null });
      },
      cancelScan: async () => {
        calls.push("cancel");
        return scan({ status: "running", summary: null });
      },
    };
    cancel.abort();
    const end = await watchScan(api as never, "p", scan({ status: "running", summary: null }), {
      cancel: cancel.signal,
      sleep: () => Promise.resolve(),
    });
    expect(calls).toEqual(["cancel", "get", "get"]);
    expect(end.status).toBe("cancelled");
  });

  it("gives up after its timeout instead of polling forever", async () => {
    let t = 0;
    const api = { getScan: async () => scan({ status: "running", summary: null }), cancelScan: async () => scan() };
    await expect(
      watchScan(api as never, "p", scan({ status: "running", summary: null }), {
        sleep: async () => void (t += 1000),
        now: () => t,
        timeoutMs: 5000,
      }),
    ).rejects.toThrow(/did not end in time/);
  });
});

describe("collectFindings", () => {
  it("reads every page, and says when it stopped at the limit", async () => {
    const pages = new Map<string | null, { items: ReturnType<typeof finding>[]; nextCursor: string | null }>([
      [null, { items: [finding({ id: "1" }), finding({ id: "2" })], nextCursor: "a" }],
      ["a", { items: [finding({ id: "3" })], nextCursor: null }],
    ]);
    const api = {
      findings: async (_p: string, _s: string, o: { cursor?: string | null }) => pages.get(o.cursor ?? null)!,
    };
    expect(await collectFindings(api as never, "p", "s")).toMatchObject({
      complete: true,
      findings: [{ id: "1" }, { id: "2" }, { id: "3" }],
    });
    const capped = await collectFindings(api as never, "p", "s", 2);
    expect(capped.complete).toBe(false);
    expect(capped.findings).toHaveLength(2);
  });
});

describe("the Scans tree", () => {
  it("lists the recent scans once when two callers ask during the load", async () => {
    let calls = 0;
    const api = {
      listScans: async () => {
        calls++;
        await new Promise((r) => setTimeout(r, 10));
        return { items: [scan({ id: "a" })], nextCursor: null };
      },
    };
    const model = new ScansTreeModel(() => ({ api: api as never, projectId: "p" }));
    const [x, y] = await Promise.all([model.children(), model.children()]);
    expect(x!.map((n) => n.key)).toEqual(["s:a"]);
    expect(y!.map((n) => n.key)).toEqual(["s:a"]);
    expect(calls).toBe(1);
  });

  it("groups a succeeded scan by severity, highest first, zeros left out", () => {
    const groups = groupsOf({ kind: "scan", key: "s:1", scan: scan({ summary: summary({ critical: 1, medium: 2 }) }) });
    expect(groups.map((g) => presentScansNode(g).label)).toEqual(["1 critical", "2 medium"]);
  });

  it.each([
    {
      s: scan({ status: "failed", summary: null, error: { code: "tag_not_found", message: "no tag x" } }),
      want: "The tag does not exist on the image.",
    },
    { s: scan({ status: "cancelled", summary: null }), want: "Cancelled." },
    { s: scan({ summary: summary() }), want: "No vulnerabilities found." },
  ])("says $want", ({ s, want }) => {
    expect(groupsOf({ kind: "scan", key: "s:1", scan: s }).map((g) => presentScansNode(g).label)).toEqual([want]);
  });

  it("describes a scan and a finding in words", () => {
    expect(presentScansNode({ kind: "scan", key: "s", scan: scan() }, NOW)).toMatchObject({
      label: "ns/api:1.4.2",
      description: "1 critical, 3 high · 2 h ago",
      contextValue: "regscan.scan.succeeded",
    });
    expect(
      presentScansNode({ kind: "finding", key: "f", scan: scan(), finding: finding({ fixedVersion: null }) }),
    ).toMatchObject({
      label: "zlib1g",
      description: "1:1.2.13.dfsg-1 → no fix yet · CVE-2099-0001",
      command: { id: "regscan.finding.openAdvisory" },
    });
  });
});
