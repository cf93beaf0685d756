/**
 * `pnpm bench:api` (run by `pnpm bench`, inside scripts/test-env.sh for the registry): the API as
 * `pnpm start` starts it, on a fresh libSQL file, against the fake Scaleway API and the real test
 * registry. Prints each figure and its target, with ratios measured in the same run:
 *   1. 50 connections on GET …/scans/{id} and on a cached browse route (…/images/{image}/tags):
 *      >= 3,000 req/s and p99 <= 25 ms each; ratio to a bare Hono handler measured alongside.
 *   2. A re-scan of an already scanned digest after an advisory update (re-match only, no pull),
 *      median of 3, <= 0.1 x the first scan's time, both end to end through the API.
 * Exits 1 when a target is missed, 2 when the bench cannot run. Each load figure is the median
 * of BENCH_RUNS (default 3) runs of BENCH_SECONDS (default 5) after a 3 s warm-up; BENCH_CPU_PROF=DIR makes the API write a V8 CPU profile into DIR when it
 * stops; BENCH_ONLY=scan|tags measures that route only (with the bare handler).
 */
import { credentialBody } from "../test/support/fixtures.js";
import { importAdvisories, registry, scalewayForRegistry, scanEnv, ZLIB_RECORD } from "../test/support/scan-world.js";
import { BOOTSTRAP_TOKEN } from "../test/support/start-api.js";
import { type BenchApi, startBenchApi } from "./bench-api.js";
import { type LoadResult, measure, startBareHono } from "./load.js";

const load = {
  connections: 50,
  warmupSeconds: 3,
  seconds: Number(process.env.BENCH_SECONDS ?? 5),
  runs: Number(process.env.BENCH_RUNS ?? 3),
};
const TARGET_RPS = 3000;
const TARGET_P99_MS = 25;
const TARGET_RESCAN_RATIO = 0.1;

if (!registry) {
  console.error("bench: no test registry (run it through `pnpm bench:api`, which starts one with scripts/test-env.sh)");
  process.exit(2);
}
const secret = registry.password;

/** POSTs a scan and polls it until it ends: the wall time seen by the client, and the scan. */
async function timedScan(api: BenchApi, projectId: string, credentialId: string, image: string) {
  const started = performance.now();
  const { id } = await api.call("POST", `/v1/projects/${projectId}/scans`, { credentialId, image }, 202);
  for (;;) {
    const scan = await api.call("GET", `/v1/projects/${projectId}/scans/${id}`, undefined, 200);
    if (scan.status === "succeeded") return { ms: performance.now() - started, scan };
    if (scan.status !== "queued" && scan.status !== "running") throw new Error(`scan ended ${JSON.stringify(scan)}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
let pass = true;
const check = (label: string, value: string, target: string, ok: boolean) => {
  console.log(`${label.padEnd(48)} ${value.padStart(12)}   ${target.padEnd(12)} ${ok ? "PASS" : "FAIL"}`);
  pass &&= ok;
};

async function run(api: BenchApi, bareUrl: string): Promise<void> {
  await importAdvisories(api.dbUrl, [ZLIB_RECORD]);
  const me = await api.call("GET", "/v1/me", undefined, 200);
  const orgId = me.organizations.find((o: { name: string }) => o.name === "default").id as string;
  const projectId = me.projects.find((p: { orgId: string }) => p.orgId === orgId).id as string;
  const body = credentialBody({ namespace: "regscan", secretKey: secret });
  const { id: credentialId } = await api.call("POST", `/v1/orgs/${orgId}/credentials`, body, 201);
  const tagsPath = `/v1/projects/${projectId}/credentials/${credentialId}/namespaces/regscan/images/base/tags`;
  const tags = await api.call("GET", tagsPath, undefined, 200);
  const image = tags.items.find((t: { name: string }) => t.name === "latest").imageRef as string;

  // 2. The first scan (cold layer cache), then re-scans of the same tag after advisory updates.
  const first = await timedScan(api, projectId, credentialId, image);
  const rescans: number[] = [];
  for (let i = 0; i < 3; i++) {
    const record = { ...ZLIB_RECORD, id: `BENCH-UPDATE-${i}`, modified: new Date().toISOString(), upstream: [] };
    await importAdvisories(api.dbUrl, [record]);
    const again = await timedScan(api, projectId, credentialId, image);
    if (again.scan.reused?.reason !== "advisories_updated") {
      throw new Error(`the re-scan was not a re-match: ${JSON.stringify(again.scan.reused)}`);
    }
    rescans.push(again.ms);
  }

  // 1. Throughput and latency, the bare handler first.
  const auth = { authorization: `Bearer ${BOOTSTRAP_TOKEN}` };
  // BENCH_ONLY=scan or tags (profiling one route): the bare handler and that route only.
  const only = process.env.BENCH_ONLY;
  const results: LoadResult[] = [await measure("bare Hono handler", `${bareUrl}/v1/ping`, {}, load)];
  const scanUrl = `${api.url}/v1/projects/${projectId}/scans/${first.scan.id}`;
  if (only !== "tags") results.push(await measure("GET …/scans/{id}", scanUrl, auth, load));
  if (only !== "scan")
    results.push(await measure("GET …/images/{image}/tags (cached)", api.url + tagsPath, auth, load));
  const bare = results[0]!;
  console.log(
    `\nAPI bench: ${load.connections} connections; median of ${load.runs} runs of ${load.seconds} s after ${load.warmupSeconds} s warm-up`,
  );
  for (const r of results) {
    const ratio = r === bare ? "" : `  ${(r.requestsPerSecond / bare.requestsPerSecond).toFixed(3)} x bare req/s`;
    const each = r.runs.map((x) => `${x.requestsPerSecond.toFixed(0)}/${x.p99Ms}`).join(", ");
    console.log(
      `${r.name.padEnd(40)} ${r.requestsPerSecond.toFixed(0).padStart(6)} req/s  p99 ${r.p99Ms} ms${ratio}  (runs: ${each})`,
    );
  }
  for (const r of results) {
    if (r.failures > 0) check(`${r.name}: failed requests`, String(r.failures), "0", false);
    if (r === bare) continue;
    check(`${r.name}: req/s`, r.requestsPerSecond.toFixed(0), `>= ${TARGET_RPS}`, r.requestsPerSecond >= TARGET_RPS);
    check(`${r.name}: p99`, `${r.p99Ms} ms`, `<= ${TARGET_P99_MS} ms`, r.p99Ms <= TARGET_P99_MS);
  }
  const ms = (values: number[]) => values.map((v) => v.toFixed(0)).join(", ");
  console.log(
    `\nfirst scan ${first.ms.toFixed(0)} ms; re-scans after an advisory update (re-match): ${ms(rescans)} ms`,
  );
  const ratio = median(rescans) / first.ms;
  check("re-scan / first scan", ratio.toFixed(3), `<= ${TARGET_RESCAN_RATIO}`, ratio <= TARGET_RESCAN_RATIO);
  if (api.log().includes(secret)) check("registry secret in the API's log", "found", "never", false);
}

async function main(): Promise<number> {
  const fake = await scalewayForRegistry();
  let bare: Awaited<ReturnType<typeof startBareHono>> | undefined;
  let api: BenchApi | undefined;
  try {
    bare = await startBareHono();
    api = await startBenchApi(
      scanEnv(fake, { REGSCAN_RATE_LIMIT_PER_MINUTE: "0", REGSCAN_BROWSE_CACHE_TTL_SECONDS: "3600" }),
      process.env.BENCH_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [],
    );
    await run(api, bare.url);
    return pass ? 0 : 1;
  } finally {
    await api?.stop();
    await bare?.stop();
    await fake.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`bench: ${error instanceof Error ? error.stack : String(error)}`);
    process.exit(2);
  },
);
