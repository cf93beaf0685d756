/** Load helpers of the API bench: the bare Hono baseline process and one autocannon measurement. */
import { spawn } from "node:child_process";
import { resolve } from "node:path";
import autocannon from "autocannon";

export interface LoadResult {
  name: string;
  /** Medians over the runs. */
  requestsPerSecond: number;
  p99Ms: number;
  /** Each run's figures, for the printout. */
  runs: Array<{ requestsPerSecond: number; p99Ms: number }>;
  /** Answers that were not 2xx, and connection errors or timeouts: any is a failed run. */
  failures: number;
}

export interface LoadOptions {
  connections: number;
  warmupSeconds: number;
  seconds: number;
  /** Runs after the warm-up; the figures are their medians (a shared machine is noisy). */
  runs: number;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** `connections` on `url`: a warm-up, then `runs` runs of `seconds`; the medians of their figures. */
export async function measure(
  name: string,
  url: string,
  headers: Record<string, string>,
  options: LoadOptions,
): Promise<LoadResult> {
  const run = (duration: number) =>
    autocannon({ url, headers, connections: options.connections, duration, pipelining: 1 });
  if (options.warmupSeconds > 0) await run(options.warmupSeconds);
  const runs: LoadResult["runs"] = [];
  let failures = 0;
  for (let i = 0; i < options.runs; i++) {
    const result = await run(options.seconds);
    runs.push({ requestsPerSecond: result.requests.average, p99Ms: result.latency.p99 });
    failures += result.non2xx + result.errors + result.timeouts;
  }
  return {
    name,
    requestsPerSecond: median(runs.map((r) => r.requestsPerSecond)),
    p99Ms: median(runs.map((r) => r.p99Ms)),
    runs,
    failures,
  };
}

/** Starts bench/bare-hono.mjs in its own process (as the API runs in its own); resolves with its URL. */
export async function startBareHono(): Promise<{ url: string; stop(): Promise<void> }> {
  const child = spawn(process.execPath, [resolve(import.meta.dirname, "bare-hono.mjs")], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const url = await new Promise<string>((done, fail) => {
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const found = /listening (http:\/\/\S+)/.exec(out)?.[1];
      if (found) done(found);
    });
    child.once("exit", (code) => fail(new Error(`the bare Hono server exited (${code}) before listening`)));
  });
  return {
    url,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((done) => child.once("exit", done));
      child.kill("SIGTERM");
      await exited;
    },
  };
}
