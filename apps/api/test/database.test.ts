import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "@libsql/client";
import { afterEach, describe, expect, it } from "vitest";
import { defaultOrg } from "./support/fixtures.js";
import { spawnApi, startApi, type TestApi } from "./support/start-api.js";

const apis: TestApi[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const api of apis.splice(0)) await api.cleanup();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function start(env: Record<string, string> = {}, dir?: string): Promise<TestApi> {
  const api = await startApi({ env, ...(dir ? { dir } : {}) });
  apis.push(api);
  return api;
}

/** Another process's connection holding the database's write lock (this test process is not the API). */
async function holdLock(api: TestApi) {
  const client = createClient({ url: api.dbUrl });
  const tx = await client.transaction("write");
  await tx.execute("INSERT INTO organizations VALUES ('locker', 'held by another process', '[]', 0)");
  return {
    release: async () => {
      await tx.rollback();
      client.close();
    },
  };
}

const mode = (path: string) => statSync(path).mode & 0o777;

describe("a database locked by another process", () => {
  it("a write waits for a 2 s lock instead of failing, while reads, health and readiness keep answering", async () => {
    const api = await start();
    const { orgId } = await defaultOrg(api);
    const lock = await holdLock(api);
    const released = new Promise<number>((r) => setTimeout(() => void lock.release().then(() => r(Date.now())), 2000));
    const waiting = api.request("POST", `/v1/orgs/${orgId}/projects`, { body: { name: "after-the-lock" } });
    await new Promise((r) => setTimeout(r, 200));
    const started = Date.now();
    const reads = await Promise.all([
      api.request("GET", "/v1/me"),
      api.request("GET", `/v1/orgs/${orgId}/projects`),
      api.request("GET", `/v1/orgs/${orgId}/audit-log`),
      api.request("GET", "/v1/health", { token: null }),
      api.request("GET", "/v1/ready", { token: null }),
    ]);
    expect(reads.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    // Answered while the write waits: the API waits for the lock with timers, not by blocking.
    expect(Date.now() - started).toBeLessThan(1000);
    const write = await waiting;
    expect(write.status, write.text).toBe(201);
    expect(Date.now()).toBeGreaterThanOrEqual((await released) - 50);
  }, 30_000);

  it("a write still locked after the busy timeout is 503 service_unavailable, logged with SQLITE_BUSY", async () => {
    const api = await start({ REGSCAN_DB_BUSY_TIMEOUT_SECONDS: "0.3" });
    const { orgId } = await defaultOrg(api);
    const lock = await holdLock(api);
    try {
      const res = await api.request("POST", `/v1/orgs/${orgId}/projects`, { body: { name: "blocked" } });
      expect(res.status, res.text).toBe(503);
      expect(res.headers.get("retry-after")).toBe("1");
      expect(res.body).toMatchObject({ code: "service_unavailable", detail: expect.stringMatching(/locked/) });
      expect((await api.request("GET", "/v1/me")).status).toBe(200);
    } finally {
      await lock.release();
    }
    const [logged] = api.logged("request failed");
    expect(logged).toMatchObject({
      code: "service_unavailable",
      path: `/v1/orgs/${orgId}/projects`,
      cause: expect.arrayContaining([
        { name: "LibsqlError", code: "SQLITE_BUSY", message: expect.stringMatching(/locked/) },
      ]),
    });
    expect(JSON.stringify(api.logged("request failed"))).not.toMatch(/blocked|params/);
    const retried = await api.request("POST", `/v1/orgs/${orgId}/projects`, { body: { name: "blocked" } });
    expect(retried.status, `${retried.text}\n${api.logs.join("\n")}`).toBe(201);
  }, 30_000);
});

describe("GET /v1/ready", () => {
  it("is ready with a usable database, and 503 once the database file is gone (health stays 200)", async () => {
    const api = await start();
    expect(await api.request("GET", "/v1/ready", { token: null })).toMatchObject({
      status: 200,
      body: { status: "ready", checks: { database: "ok" } },
    });
    const file = api.dbUrl.slice("file:".length);
    for (const suffix of ["", "-wal", "-shm"]) rmSync(`${file}${suffix}`, { force: true });
    const res = await api.request("GET", "/v1/ready", { token: null });
    expect(res.status).toBe(503);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    expect(res.body).toMatchObject({ code: "service_unavailable", details: { check: "database" } });
    expect(res.body.detail).toMatch(/deleted or replaced/);
    expect((await api.request("GET", "/v1/health", { token: null })).status).toBe(200);
  }, 30_000);
});

describe("files of the embedded database", () => {
  it("creates the data folder 0700 and the database, WAL and shared-memory files 0600", async () => {
    const root = mkdtempSync(join(tmpdir(), "regscan-modes-"));
    dirs.push(root);
    const dir = join(root, "data");
    // The default, from a fresh checkout: `.regscan/` does not exist yet.
    const run = spawnApi(root, { REGSCAN_DB_URL: `file:${join(dir, "regscan.db")}` });
    try {
      const url = await run.listening;
      const token = /Bootstrap owner token[^\n]*\n\n\s+(\S+)/.exec(run.output())?.[1];
      const me = await (await fetch(`${url}/v1/me`, { headers: { authorization: `Bearer ${token}` } })).json();
      const created = await fetch(`${url}/v1/orgs/${me.organizations[0].id}/projects`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify({ name: "w" }),
      });
      expect(created.status).toBe(201);
      expect(mode(dir)).toBe(0o700);
      for (const file of ["regscan.db", "regscan.db-wal", "regscan.db-shm", "master.key"]) {
        expect(mode(join(dir, file)), file).toBe(0o600);
      }
      expect(run.output()).not.toMatch(/readable by other users/);
    } finally {
      run.child.kill("SIGTERM");
      await run.exited;
    }
  }, 30_000);

  it("warns at start about an existing folder or files readable by other users", async () => {
    const dir = mkdtempSync(join(tmpdir(), "regscan-modes-"));
    dirs.push(dir);
    const first = await start({}, dir);
    await first.stop();
    chmodSync(dir, 0o755);
    chmodSync(join(dir, "regscan.db"), 0o644);
    chmodSync(join(dir, "master.key"), 0o644);
    const api = await start({}, dir);
    const warnings = api.logged(/readable by other users/).map((w) => [w.path, w.mode]);
    expect(warnings).toEqual(
      expect.arrayContaining([
        [dir, "0755"],
        [join(dir, "regscan.db"), "0644"],
        [join(dir, "master.key"), "0644"],
      ]),
    );
  }, 30_000);
});

describe("starting on a database it cannot write", () => {
  // Root ignores file modes: run the API as `nobody` to make the folder truly read-only for it.
  const asOther = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : undefined;

  function prepared(setup: (dir: string) => void): string {
    const root = mkdtempSync(join(tmpdir(), "regscan-ro-"));
    dirs.push(root);
    chmodSync(root, 0o755);
    const dir = join(root, "data");
    mkdirSync(dir);
    setup(dir);
    return dir;
  }

  it.each([
    {
      name: "a read-only data folder",
      setup: (dir: string) => {
        if (asOther) chownSync(dir, asOther.uid, asOther.gid);
        chmodSync(dir, 0o555);
      },
      message: /data folder .* is not writable/,
    },
    {
      name: "a read-only database file",
      setup: (dir: string) => {
        writeFileSync(join(dir, "regscan.db"), "");
        if (asOther) for (const p of [dir, join(dir, "regscan.db")]) chownSync(p, asOther.uid, asOther.gid);
        chmodSync(join(dir, "regscan.db"), 0o444);
      },
      message: /database file .* is read-only/,
    },
  ])(
    "stops on $name with a clear message and exit code 3, no stack trace",
    async ({ setup, message }) => {
      const dir = prepared(setup);
      const run = spawnApi(
        dir,
        {
          REGSCAN_DB_URL: `file:${join(dir, "regscan.db")}`,
          REGSCAN_MASTER_KEY: Buffer.alloc(32, 3).toString("base64"),
        },
        asOther,
      );
      await expect(run.listening).rejects.toThrow(/exited/);
      expect((await run.exited).code).toBe(3);
      expect(run.output()).toMatch(/^regscan API cannot start: /m);
      expect(run.output()).toMatch(message);
      expect(run.output()).not.toMatch(/\n\s+at /);
    },
    30_000,
  );
});
