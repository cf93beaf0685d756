/**
 * globalSetup of the Worker tests (runs in Node, not workerd): the world the Worker runs in, all on
 * 127.0.0.1. Three Hrana-over-HTTP servers stand in for Turso databases (with an auth token, as
 * Turso requires): the Worker's, migrated by the README's migrate command and fed advisories by
 * `regscan db import --db`; a second one just as fresh, for the Node-and-Worker table; and one
 * never migrated. The fake Scaleway API lists the real test registry's images (plus a large image
 * pushed here for the memory test); a local OSV export serves the Cron refresh; the Node entry is
 * started the README's way (`pnpm start`) for the table; a control server does what workerd cannot.
 */
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { startHranaServer } from "@regscan/storage/testing";
import type { TestProject } from "vitest/node";
import { SKIP_REASON } from "../../../../packages/scanner/test/support/test-images.js";
import { importAdvisories, registry, scalewayForRegistry, ZLIB_RECORD } from "../support/scan-world.js";
import { pushBigImage } from "./big-layer-image.js";
import { startControlServer } from "./control-server.js";
import { startOsvExportServer } from "./osv-export-server.js";
import { BOOTSTRAP_TOKEN, DB_AUTH_TOKEN, MASTER_KEY, NEWER_RECORD, type WorkerWorld } from "./worker-world.js";

const run = promisify(execFile);
const ROOT = new URL("../../../../", import.meta.url).pathname;

declare module "vitest" {
  export interface ProvidedContext {
    workerWorld: WorkerWorld;
  }
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** The README's migrate command, as an operator runs it before `wrangler deploy`. */
async function migrateDatabase(url: string): Promise<void> {
  const { stdout } = await run("pnpm", ["--silent", "--filter", "@regscan/api", "migrate"], {
    cwd: ROOT,
    env: { ...process.env, REGSCAN_DB_URL: url, REGSCAN_DB_AUTH_TOKEN: DB_AUTH_TOKEN },
    timeout: 120_000,
  });
  if (!/Applied \d+ migration/.test(stdout)) throw new Error(`migrate printed: ${stdout}`);
}

/** `pnpm start` with these settings, until /v1/health answers. */
async function startNodeApi(env: Record<string, string>): Promise<{ url: string; stop(): Promise<void> }> {
  const port = await freePort();
  const child: ChildProcess = spawn("pnpm", ["start"], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port), HOST: "127.0.0.1" },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  child.stdout?.on("data", (c: Buffer) => void (output += c));
  child.stderr?.on("data", (c: Buffer) => void (output += c));
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.pid) process.kill(-child.pid, "SIGTERM");
    await exited;
  };
  for (const deadline = Date.now() + 90_000; ; ) {
    if (child.exitCode !== null) throw new Error(`pnpm start exited ${child.exitCode}: ${output}`);
    const up = await fetch(`${url}/v1/health`).then(
      (r) => r.ok,
      () => false, // not listening yet
    );
    if (up) return { url, stop };
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`pnpm start did not answer within 90 s: ${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!registry) {
    project.provide("workerWorld", { available: false, skipReason: SKIP_REASON } as WorkerWorld);
    return async () => undefined;
  }
  const dir = mkdtempSync(join(tmpdir(), "regscan-worker-world-"));
  const cleanups: Array<() => Promise<void> | void> = [() => rmSync(dir, { recursive: true, force: true })];
  try {
    const dbPath = join(dir, "worker.db");
    const hrana = await startHranaServer({ path: dbPath, authToken: DB_AUTH_TOKEN });
    cleanups.unshift(() => hrana.close());
    const tableDb = await startHranaServer({ path: join(dir, "table.db"), authToken: DB_AUTH_TOKEN });
    cleanups.unshift(() => tableDb.close());
    const unmigrated = await startHranaServer({ path: join(dir, "unmigrated.db"), authToken: DB_AUTH_TOKEN });
    cleanups.unshift(() => unmigrated.close());
    await Promise.all([migrateDatabase(hrana.url), migrateDatabase(tableDb.url)]);
    const nodeDb = `file:${join(dir, "node", "regscan.db")}`;
    mkdirSync(join(dir, "node"));
    await Promise.all(
      [hrana.url, tableDb.url, nodeDb].map((url) =>
        importAdvisories(url, [ZLIB_RECORD], { ecosystem: "Debian", authToken: DB_AUTH_TOKEN }),
      ),
    );
    const big = await pushBigImage(registry);
    const scaleway = await scalewayForRegistry([["big", ["latest"]]]);
    cleanups.unshift(() => scaleway.close());
    const osv = await startOsvExportServer("Debian", [ZLIB_RECORD, NEWER_RECORD]);
    cleanups.unshift(() => osv.close());
    const registryUrl = `http://${registry.host}`;
    const nodeApi = await startNodeApi({
      REGSCAN_DB_URL: nodeDb,
      REGSCAN_BOOTSTRAP_TOKEN: BOOTSTRAP_TOKEN,
      REGSCAN_MASTER_KEY: MASTER_KEY,
      REGSCAN_SCALEWAY_API_URL: scaleway.url,
      REGSCAN_SCALEWAY_REGISTRY: registryUrl,
      REGSCAN_SCALEWAY_TIMEOUT_SECONDS: "5",
      REGSCAN_OSV_URL: osv.url,
    });
    cleanups.unshift(() => nodeApi.stop());
    const control = await startControlServer({ hrana, dbPath, scaleway });
    cleanups.unshift(() => control.close());
    project.provide("workerWorld", {
      available: true,
      skipReason: "",
      dbUrl: hrana.url,
      tableDbUrl: tableDb.url,
      unmigratedDbUrl: unmigrated.url,
      scalewayUrl: scaleway.url,
      registryUrl,
      registryHost: registry.host,
      registryPassword: registry.password,
      osvUrl: osv.url,
      controlUrl: control.url,
      nodeApiUrl: nodeApi.url,
      bigImage: big,
    });
  } catch (error) {
    for (const cleanup of cleanups) await cleanup();
    throw error;
  }
  return async () => {
    for (const cleanup of cleanups) await cleanup();
  };
}
