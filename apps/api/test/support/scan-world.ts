/**
 * The world an API scan test needs: the fake Scaleway API listing the real test registry's images
 * (the key is the registry's password, as a Scaleway secret key is for rg.<region>.scw.cloud), the
 * advisory data imported into the API's database by the real `regscan db import`, and helpers to
 * start and poll scans.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { type FakeScaleway, FakeScalewayState, startFakeScaleway } from "@regscan/scaleway-adapter/testing";
import { expect } from "vitest";
import { fixtureDir } from "../../../../packages/scanner/src/catalogers/test-support/fixture-view.js";
import { writeOciLayout } from "../../../../packages/scanner/src/cli/test-support/oci-layout.js";
import { testRegistry } from "../../../../packages/scanner/test/support/test-images.js";
import { credentialBody, defaultOrg, SCW_PROJECT_ID } from "./fixtures.js";
import type { TestApi } from "./start-api.js";

const run = promisify(execFile);
const CLI = new URL("../../../../packages/scanner/bin/regscan.js", import.meta.url).pathname;

export const registry = testRegistry();

/** The test images' advisories (the base image's zlib1g comes from source package zlib). */
export { ZLIB_RECORD } from "../../../../packages/scanner/test/support/test-advisories.js";

/**
 * `regscan db import DIR --db URL [--ecosystem E]`, the way an operator feeds the API's database
 * (`authToken`: REGSCAN_DB_AUTH_TOKEN, for a Turso-like database).
 */
export async function importAdvisories(
  dbUrl: string,
  records: unknown[],
  options: { ecosystem?: string; authToken?: string } = {},
): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "regscan-osv-"));
  try {
    for (const [i, record] of records.entries()) writeFileSync(join(dir, `r${i}.json`), JSON.stringify(record));
    const ecosystem = options.ecosystem ? ["--ecosystem", options.ecosystem] : [];
    const env = options.authToken ? { ...process.env, REGSCAN_DB_AUTH_TOKEN: options.authToken } : process.env;
    await run(process.execPath, [CLI, "db", "import", dir, "--db", dbUrl, ...ecosystem], { timeout: 120_000, env });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The fake Scaleway API whose namespace `regscan` lists the registry's images and tags (and the
 * `extra` images pushed by a test).
 */
export async function scalewayForRegistry(
  extra: ReadonlyArray<readonly [string, readonly string[]]> = [],
): Promise<FakeScaleway> {
  if (!registry) throw new Error("no test registry");
  const state = new FakeScalewayState();
  state.addKey(registry.password, { projects: [SCW_PROJECT_ID] });
  const ns = state.addNamespace({ name: "regscan", projectId: SCW_PROJECT_ID });
  for (const [image, tags] of [
    ["base", ["latest", "v2s2"]],
    ["app", ["latest"]],
    ["multi", ["latest", "v2s2"]],
    ["corrupt", ["latest"]],
    ...extra,
  ] as const) {
    const wire = state.addImage(ns, { name: image });
    for (const tag of tags) state.addTag(wire, { name: tag });
  }
  return startFakeScaleway(state);
}

/** API settings pointing at the fake Scaleway API and the test registry (plain http). */
export function scanEnv(fake: FakeScaleway, extra: Record<string, string> = {}): Record<string, string> {
  if (!registry) throw new Error("no test registry");
  return {
    REGSCAN_SCALEWAY_API_URL: fake.url,
    REGSCAN_SCALEWAY_REGISTRY: `http://${registry.host}`,
    REGSCAN_SCALEWAY_TIMEOUT_SECONDS: "5",
    ...extra,
  };
}

/** Creates the credential of namespace `regscan` (verified against the fake Scaleway API). */
export async function setUpCredential(
  api: TestApi,
): Promise<{ orgId: string; projectId: string; credentialId: string }> {
  if (!registry) throw new Error("no test registry");
  const { orgId, projectId } = await defaultOrg(api);
  const created = await api.request("POST", `/v1/orgs/${orgId}/credentials`, {
    body: credentialBody({ namespace: "regscan", secretKey: registry.password }),
  });
  expect(created.status, created.text).toBe(201);
  return { orgId, projectId, credentialId: created.body.id };
}

/** Polls a scan until it has ended (or `timeoutMs` passes). */
export async function waitForScan(api: TestApi, projectId: string, scanId: string, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await api.request("GET", `/v1/projects/${projectId}/scans/${scanId}`);
    expect(res.status, res.text).toBe(200);
    if (["succeeded", "failed", "cancelled"].includes(res.body.status)) return res.body;
    if (Date.now() > deadline) throw new Error(`scan ${scanId} still ${res.body.status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** True when `secret` appears anywhere in the database file (or its WAL). */
export function fileContains(path: string, secret: string): boolean {
  for (const file of [path, `${path}-wal`]) {
    try {
      if (readFileSync(file).includes(Buffer.from(secret))) return true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
    }
  }
  return false;
}

/**
 * Pushes `regscan/corrupt:latest`: a real Debian dpkg status in its first layer, overwritten in the
 * second by unrelated bytes (a package database regscan cannot read), built in the test and copied
 * into the registry with skopeo, as an image pushed by a user would be.
 */
export async function pushCorruptImage(): Promise<void> {
  if (!registry) throw new Error("no test registry");
  const dir = mkdtempSync(join(tmpdir(), "regscan-corrupt-"));
  try {
    const fixture = (name: string, path: string) => readFileSync(join(fixtureDir(name), path));
    await writeOciLayout(dir, "t", [
      {
        "etc/os-release": fixture("os-debian-12", "etc/os-release"),
        "var/lib/dpkg/status": fixture("dpkg-debian", "var/lib/dpkg/status"),
      },
      { "var/lib/dpkg/status": fixture("dpkg-corrupt", "var/lib/dpkg/status") },
    ]);
    await run(
      "skopeo",
      [
        "copy",
        "-q",
        "--dest-tls-verify=false",
        "--dest-creds",
        `${registry.username}:${registry.password}`,
        `oci:${dir}:t`,
        `docker://${registry.host}/regscan/corrupt:latest`,
      ],
      { timeout: 60_000 },
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
