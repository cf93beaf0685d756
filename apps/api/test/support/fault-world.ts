/**
 * The scan world of the fault tests: the fake Scaleway API, the real test registry behind a
 * {@link RegistryProxy}, advisory data imported by `regscan db import`, and one or more API
 * processes (what `pnpm start` runs) on one data folder.
 */
import { join } from "node:path";
import type { FakeScaleway } from "@regscan/scaleway-adapter/testing";
import { expect } from "vitest";
import { credentialBody } from "./fixtures.js";
import { type ProxyRules, type RegistryProxy, startRegistryProxy } from "./registry-proxy.js";
import {
  fileContains,
  importAdvisories,
  registry,
  scalewayForRegistry,
  scanEnv,
  setUpCredential,
  waitForScan,
  ZLIB_RECORD,
} from "./scan-world.js";
import { expectNoLeak, type StartOptions, startApi, type TestApi } from "./start-api.js";

export interface FaultWorld {
  fake: FakeScaleway;
  proxy: RegistryProxy;
  /** The first API process; `start()` adds more (on the same data folder). */
  api: TestApi;
  apis: TestApi[];
  orgId: string;
  projectId: string;
  credentialId: string;
  /** `127.0.0.1:PROXY/regscan/<image>:<tag>`, as browsing the credential's tags shows it. */
  ref(image: string, tag?: string): string;
  scansPath(projectId?: string): string;
  /** POSTs a scan of `image` (a reference) and returns its id (202 asserted). */
  startScan(image: string, via?: TestApi): Promise<string>;
  getScan(scanId: string, via?: TestApi): Promise<Record<string, any>>;
  /** Polls (every `everyMs`) until `until(scan)` holds; returns that scan. */
  pollScan(
    scanId: string,
    until: (scan: Record<string, any>) => boolean,
    options?: { timeoutMs?: number; everyMs?: number; via?: TestApi },
  ): Promise<Record<string, any>>;
  waitForScan(scanId: string, via?: TestApi): Promise<Record<string, any>>;
  /** Starts another API process on the same data folder (same env unless overridden). */
  start(env?: Record<string, string>, options?: Omit<StartOptions, "dir" | "env">): Promise<TestApi>;
  /** Asserts no secret in any response, log line or the database; stops every process; cleans up. */
  close(): Promise<void>;
}

/** Starts the world: fake Scaleway, proxy (with `rules`), an API with `env`, the credential. */
export async function startFaultWorld(env: Record<string, string> = {}, rules: ProxyRules = {}): Promise<FaultWorld> {
  if (!registry) throw new Error("no test registry");
  const fake = await scalewayForRegistry();
  const proxy = await startRegistryProxy(registry.host, rules);
  // These tests poll hard: no per-token request limit.
  const baseEnv = scanEnv(fake, { REGSCAN_SCALEWAY_REGISTRY: proxy.url, REGSCAN_RATE_LIMIT_PER_MINUTE: "0", ...env });
  const api = await startApi({ env: baseEnv });
  const apis = [api];
  await importAdvisories(api.dbUrl, [ZLIB_RECORD]);
  const { orgId, projectId, credentialId } = await setUpCredential(api);
  const scansPath = (p = projectId) => `/v1/projects/${p}/scans`;

  const world: FaultWorld = {
    fake,
    proxy,
    api,
    apis,
    orgId,
    projectId,
    credentialId,
    ref: (image, tag = "latest") => `${proxy.host}/regscan/${image}:${tag}`,
    scansPath,
    async startScan(image, via = api) {
      const res = await via.request("POST", scansPath(), { body: { credentialId, image } });
      expect(res.status, res.text).toBe(202);
      return res.body.id as string;
    },
    async getScan(scanId, via = api) {
      const res = await via.request("GET", `${scansPath()}/${scanId}`);
      expect(res.status, res.text).toBe(200);
      return res.body;
    },
    async pollScan(scanId, until, options = {}) {
      const deadline = Date.now() + (options.timeoutMs ?? 60_000);
      let last: Record<string, any> | undefined;
      while (Date.now() < deadline) {
        last = await world.getScan(scanId, options.via);
        if (until(last)) return last;
        await new Promise((r) => setTimeout(r, options.everyMs ?? 50));
      }
      throw new Error(`scan ${scanId} never reached the expected state; last: ${JSON.stringify(last)}`);
    },
    waitForScan: (scanId, via = api) => waitForScan(via, projectId, scanId),
    async start(extra = {}, options = {}) {
      const next = await startApi({ ...options, dir: api.dir, env: { ...baseEnv, ...extra } });
      apis.push(next);
      return next;
    },
    async close() {
      try {
        for (const each of apis) expectNoLeak(each, [registry!.password]);
      } finally {
        for (const each of apis) await each.stop();
        await proxy.close();
        await fake.close();
      }
      // After the processes stopped (the WAL is checkpointed or still there: both are read).
      const leaked = fileContains(join(api.dir, "regscan.db"), registry!.password);
      await api.cleanup();
      expect(leaked, "the registry secret is stored in plain text").toBe(false);
    },
  };
  return world;
}

/** Another organization (plan with container_scanning), its project and a credential of namespace `regscan`. */
export async function addOrganization(
  api: TestApi,
  name: string,
): Promise<{ orgId: string; projectId: string; credentialId: string }> {
  const org = await api.request("POST", "/v1/orgs", { body: { name } });
  expect(org.status, org.text).toBe(201);
  const orgId = org.body.id as string;
  const features = await api.request("PUT", `/v1/admin/orgs/${orgId}/features`, {
    body: { features: ["container_scanning"] },
  });
  expect(features.status, features.text).toBe(200);
  const project = await api.request("POST", `/v1/orgs/${orgId}/projects`, { body: { name: "p" } });
  expect(project.status, project.text).toBe(201);
  const credential = await api.request("POST", `/v1/orgs/${orgId}/credentials`, {
    body: credentialBody({ namespace: "regscan", secretKey: registry!.password }),
  });
  expect(credential.status, credential.text).toBe(201);
  return { orgId, projectId: project.body.id, credentialId: credential.body.id };
}

/** Every scan of a project (all pages of GET …/scans?status=…). */
export async function listAllScans(
  api: TestApi,
  projectId: string,
  status?: string,
): Promise<Array<Record<string, any>>> {
  const items: Array<Record<string, any>> = [];
  let cursor: string | null = null;
  do {
    const query: string = `?limit=100${status ? `&status=${status}` : ""}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
    const res = await api.request("GET", `/v1/projects/${projectId}/scans${query}`);
    expect(res.status, res.text).toBe(200);
    items.push(...res.body.items);
    cursor = res.body.nextCursor;
  } while (cursor);
  return items;
}

/** Log lines `scan run ended` of a process: `{scanId, outcome, attempt}`. */
export function runsEnded(api: TestApi): Array<{ scanId: string; outcome: string; attempt: number }> {
  return api.logged("scan run ended") as Array<{ scanId: string; outcome: string; attempt: number }>;
}
