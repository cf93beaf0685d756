import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type StartedProcess, spawnApi } from "./support/start-api.js";

const ROOT = resolve(import.meta.dirname, "../../..");

describe("the start command on the embedded default", () => {
  const started: StartedProcess[] = [];
  const dirs: string[] = [];
  afterEach(async () => {
    for (const s of started.splice(0)) {
      s.child.kill("SIGKILL");
      await s.exited;
    }
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  const start = (cwd: string, env: Record<string, string> = {}) => {
    const s = spawnApi(cwd, env);
    started.push(s);
    return s;
  };

  it("is the root `pnpm start` script", () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
    expect(pkg.scripts.start).toBe("node apps/api/bin/start.mjs");
  });

  it("creates .regscan/, prints a bootstrap token once, and serves health, openapi and docs", async () => {
    const cwd = mkdtempSync(join(tmpdir(), "regscan-start-"));
    dirs.push(cwd);
    const first = start(cwd);
    const url = await first.listening;
    const token = /Bootstrap owner token[^\n]*\n\n\s+(\S+)/.exec(first.output())?.[1];
    expect(token).toMatch(/^rgs_/);
    expect(first.output()).toMatch(/REGSCAN_MASTER_KEY is not set/);
    expect(statSync(join(cwd, ".regscan/regscan.db")).isFile()).toBe(true);
    expect(statSync(join(cwd, ".regscan/master.key")).mode & 0o777).toBe(0o600);

    expect((await fetch(`${url}/v1/health`)).status).toBe(200);
    expect((await (await fetch(`${url}/openapi.json`)).json()).openapi).toBe("3.1.0");
    expect((await fetch(`${url}/docs`)).status).toBe(200);
    const me = await fetch(`${url}/v1/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(me.status).toBe(200);
    first.child.kill("SIGTERM");
    expect((await first.exited).code).toBe(0);

    // A second start reuses the database and key: no new token, the old one still works.
    const second = start(cwd);
    const url2 = await second.listening;
    expect(second.output()).not.toContain("Bootstrap owner token");
    expect(second.output()).not.toContain(token!);
    expect((await fetch(`${url2}/v1/me`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
  }, 60_000);

  it("refuses to start with a malformed REGSCAN_MASTER_KEY, naming the variable but not the value (exit 2)", async () => {
    const cwd = mkdtempSync(join(tmpdir(), "regscan-start-"));
    dirs.push(cwd);
    const bad = "bm90LTMyLWJ5dGVz";
    const run = start(cwd, { REGSCAN_MASTER_KEY: bad });
    await expect(run.listening).rejects.toThrow(/REGSCAN_MASTER_KEY/);
    expect((await run.exited).code).toBe(2);
    expect(run.output()).not.toContain(bad);
    expect(run.output()).not.toMatch(/\n\s+at /);
  }, 60_000);

  it.each<{ name: string; env: Record<string, string> }>([
    { name: "REGSCAN_ORG_CREATION", env: { REGSCAN_ORG_CREATION: "everyone" } },
    { name: "REGSCAN_DEFAULT_FEATURES", env: { REGSCAN_DEFAULT_FEATURES: "container_scanning,teleport" } },
    { name: "REGSCAN_DB_BUSY_TIMEOUT_SECONDS", env: { REGSCAN_DB_BUSY_TIMEOUT_SECONDS: "-1" } },
  ])(
    "refuses an invalid $name with exit code 2",
    async ({ name, env }) => {
      const cwd = mkdtempSync(join(tmpdir(), "regscan-start-"));
      dirs.push(cwd);
      const run = start(cwd, env);
      await expect(run.listening).rejects.toThrow(new RegExp(name));
      expect((await run.exited).code).toBe(2);
    },
    60_000,
  );
});
