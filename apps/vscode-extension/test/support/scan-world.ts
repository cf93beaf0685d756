/**
 * The world the integration suite runs in (as the API's scan tests set it up): the fake Scaleway
 * API listing the local docker-registry's real test images, the API started as a child process
 * against it, and advisories imported with the real `regscan db import` into the API's database.
 * Namespace `regscan` also holds image `web`, tagged 1.0 (the app image: zlib critical + curl high),
 * 1.1 and 2.0 (the base image: zlib critical only), copied in the registry with skopeo. The API pulls
 * through a proxy that serves `regscan/app`'s blobs slowly (a scan of it can be cancelled in time).
 */
import { execFile } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { type FakeScaleway, FakeScalewayState, startFakeScaleway } from "@regscan/scaleway-adapter/testing";
import { CURL_RECORD, ZLIB_RECORD } from "../../../../packages/scanner/test/support/test-advisories.js";
import { type SlowProxy, startSlowRegistryProxy } from "./slow-registry-proxy.js";
import { REPO_ROOT, type RunningApi, startRegscanApi } from "./start-regscan-api.js";

const run = promisify(execFile);

export const SCW_PROJECT_ID = "11111111-2222-4333-8444-555555555555";

export interface Registry {
  host: string;
  password: string;
}

export interface ScanWorld {
  api: RunningApi;
  fake: FakeScaleway;
  /** The registry as the API (and the extension) sees it: behind the slow proxy. */
  registry: Registry;
  stop(): Promise<void>;
}

export function testRegistry(env = process.env): Registry {
  const host = env.REGSCAN_TEST_REGISTRY;
  const password = env.REGSCAN_TEST_REGISTRY_PASSWORD;
  if (!host || !password) {
    throw new Error("REGSCAN_TEST_REGISTRY is not set: run through scripts/test-env.sh (pnpm test:vscode does).");
  }
  return { host, password };
}

export async function startScanWorld(direct: Registry): Promise<ScanWorld> {
  await tagWebImages(direct);
  const proxy: SlowProxy = await startSlowRegistryProxy(direct.host);
  const registry = { host: proxy.host, password: direct.password };
  const state = new FakeScalewayState();
  state.addKey(registry.password, { projects: [SCW_PROJECT_ID] });
  const ns = state.addNamespace({ name: "regscan", projectId: SCW_PROJECT_ID, description: "test images" });
  // As on Scaleway, a namespace's endpoint is where its images are pulled from: here, the local registry.
  ns.endpoint = `${registry.host}/regscan`;
  for (const [image, tags] of [
    ["base", ["latest", "v2s2"]],
    ["app", ["latest"]],
    ["web", ["1.0", "1.1", "2.0"]],
  ] as const) {
    const wire = state.addImage(ns, { name: image, size: 50_000_000 });
    for (const tag of tags) state.addTag(wire, { name: tag });
  }
  const fake = await startFakeScaleway(state);
  const api = await startRegscanApi({
    REGSCAN_SCALEWAY_API_URL: fake.url,
    REGSCAN_SCALEWAY_REGISTRY: `http://${registry.host}`,
    REGSCAN_SCALEWAY_TIMEOUT_SECONDS: "10",
  });
  await importAdvisories(api.dbUrl, [ZLIB_RECORD, CURL_RECORD]);
  return {
    api,
    fake,
    registry,
    async stop() {
      await api.stop();
      await fake.close();
      await proxy.close();
    },
  };
}

/** `regscan db import DIR --db URL`, the way an operator feeds the API's database. */
async function importAdvisories(dbUrl: string, records: unknown[]): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "regscan-osv-"));
  try {
    for (const [i, record] of records.entries()) writeFileSync(join(dir, `r${i}.json`), JSON.stringify(record));
    const cli = join(REPO_ROOT, "packages/scanner/bin/regscan.js");
    await run(process.execPath, [cli, "db", "import", dir, "--db", dbUrl], { timeout: 120_000 });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Copies app:latest to web:1.0 and base:latest to web:1.1 and web:2.0 inside the registry. */
async function tagWebImages(registry: Registry): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "regscan-skopeo-"));
  try {
    const authFile = join(dir, "auth.json");
    const auth = Buffer.from(`nologin:${registry.password}`).toString("base64");
    writeFileSync(authFile, JSON.stringify({ auths: { [registry.host]: { auth } } }));
    chmodSync(authFile, 0o600);
    const repo = `docker://${registry.host}/regscan`;
    for (const [from, to] of [
      ["app:latest", "web:1.0"],
      ["base:latest", "web:1.1"],
      ["base:latest", "web:2.0"],
    ]) {
      await run(
        "skopeo",
        [
          "copy",
          "-q",
          "--src-tls-verify=false",
          "--dest-tls-verify=false",
          "--authfile",
          authFile,
          `${repo}/${from}`,
          `${repo}/${to}`,
        ],
        { timeout: 120_000 },
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
