import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "@libsql/client";
import { afterEach, describe, expect, it } from "vitest";
import { defaultOrg } from "./support/fixtures.js";
import { BOOTSTRAP_TOKEN, type StartedProcess, spawnApi, startApi, type TestApi } from "./support/start-api.js";

const apis: TestApi[] = [];
const processes: StartedProcess[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const api of apis.splice(0)) await api.stop();
  for (const p of processes.splice(0)) {
    p.child.kill("SIGTERM");
    await p.exited;
  }
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function start(dir: string, env: Record<string, string> = {}, generatedToken = false): Promise<TestApi> {
  const api = await startApi({ dir, env, generatedToken });
  apis.push(api);
  return api;
}

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "regscan-boot-"));
  dirs.push(dir);
  return dir;
}

async function rows(dbUrl: string, sql: string): Promise<Record<string, unknown>[]> {
  const client = createClient({ url: dbUrl });
  try {
    return (await client.execute(sql)).rows.map((r) => ({ ...r }));
  } finally {
    client.close();
  }
}

describe("bootstrap", () => {
  it.each<{ name: string; env: Record<string, string> }>([
    { name: "with REGSCAN_BOOTSTRAP_TOKEN", env: { REGSCAN_BOOTSTRAP_TOKEN: BOOTSTRAP_TOKEN } },
    { name: "with a generated token", env: {} },
  ])(
    "bootstraps once when two API processes start together on one empty database ($name)",
    async ({ env }) => {
      const dir = tempDir();
      const dbUrl = `file:${join(dir, "regscan.db")}`;
      const both = [0, 1].map(() => spawnApi(dir, { REGSCAN_DB_URL: dbUrl, ...env }));
      processes.push(...both);
      await Promise.all(both.map((p) => p.listening));
      expect(await rows(dbUrl, "SELECT name FROM organizations")).toEqual([{ name: "default" }]);
      expect(await rows(dbUrl, "SELECT name FROM projects")).toEqual([{ name: "default" }]);
      expect(await rows(dbUrl, "SELECT name, instance_admin FROM api_tokens")).toEqual([
        { name: "bootstrap", instance_admin: 1 },
      ]);
      expect((await rows(dbUrl, "SELECT action FROM audit_log ORDER BY action")).map((r) => r.action)).toEqual([
        "org.create",
        "project.create",
        "token.create",
      ]);
      const printed = both.filter((p) => p.output().includes("Bootstrap owner token"));
      expect(printed).toHaveLength(env.REGSCAN_BOOTSTRAP_TOKEN ? 0 : 1);
    },
    60_000,
  );
});

describe("the last instance-admin token", () => {
  it("cannot revoke itself (409 conflict, saying why) and keeps working", async () => {
    const api = await start(tempDir());
    const { orgId } = await defaultOrg(api);
    const me = await api.request("GET", "/v1/me");
    const res = await api.request("DELETE", `/v1/orgs/${orgId}/tokens/${me.body.principal.id}`);
    expect(res.status, res.text).toBe(409);
    expect(res.body).toMatchObject({ code: "conflict", details: { reason: "last_instance_admin" } });
    expect(res.body.detail).toMatch(/last instance-admin token/);
    expect((await api.request("GET", "/v1/me")).status).toBe(200);
    expect((await api.request("POST", "/v1/admin/reencrypt")).status).toBe(200);
  }, 30_000);

  it("is restored on start from REGSCAN_BOOTSTRAP_TOKEN when none exists (audit-logged)", async () => {
    const dir = tempDir();
    const first = await start(dir);
    const { orgId } = await defaultOrg(first);
    await first.stop();
    // What an older version allowed: the instance lost its only administrator token.
    const client = createClient({ url: first.dbUrl });
    await client.batch(["DELETE FROM token_grants", "DELETE FROM api_tokens"]);
    client.close();

    const lockedOut = await start(dir, {}, true);
    expect(lockedOut.logged("no instance-admin token exists")).toHaveLength(1);
    expect((await lockedOut.request("GET", "/v1/me")).status).toBe(401);
    await lockedOut.stop();

    const restored = await start(dir);
    expect(restored.logged(/restored one from REGSCAN_BOOTSTRAP_TOKEN/)).toHaveLength(1);
    const me = await restored.request("GET", "/v1/me");
    expect(me.status, me.text).toBe(200);
    expect(me.body.organizations).toEqual([{ id: orgId, name: "default", permissions: expect.any(Array) }]);
    expect((await restored.request("POST", "/v1/admin/reencrypt")).status).toBe(200);
    const audit = await restored.request("GET", `/v1/orgs/${orgId}/audit-log?limit=100`);
    expect(audit.body.items[0]).toMatchObject({
      action: "token.create",
      actorId: "system",
      targetId: me.body.principal.id,
      metadata: { restored: true },
    });
    await restored.stop();

    // Restored once: the next start finds an instance admin and changes nothing.
    const again = await start(dir);
    expect(again.logged(/restored/)).toEqual([]);
    expect(await rows(first.dbUrl, "SELECT count(*) AS n FROM api_tokens WHERE instance_admin = 1")).toEqual([
      { n: 1 },
    ]);
  }, 60_000);
});
