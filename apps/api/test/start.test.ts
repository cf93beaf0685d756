import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "../../..");

/** Runs the real start command (`tsx apps/api/src/node.ts`, what `pnpm start` runs) in a temp cwd. */
function start(cwd: string, env: Record<string, string> = {}) {
  const child = spawn(join(ROOT, "node_modules/.bin/tsx"), [join(ROOT, "apps/api/src/node.ts")], {
    cwd,
    env: { PATH: process.env.PATH ?? "", PORT: "0", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  const ready = new Promise<string>((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start in 30 s:\n${out}`)), 30_000);
    child.stdout!.on("data", () => {
      const m = /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolvePromise(m[1]);
      }
    });
    child.on("exit", (code) => reject(new Error(`exited ${code}:\n${out}`)));
  });
  return { child, ready, output: () => out };
}

describe("the start command on the embedded default", () => {
  const children: ChildProcess[] = [];
  const dirs: string[] = [];
  afterEach(() => {
    for (const c of children.splice(0)) c.kill("SIGTERM");
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it("creates .regscan/, prints a bootstrap token once, and serves health, openapi and docs", async () => {
    const cwd = mkdtempSync(join(tmpdir(), "regscan-start-"));
    dirs.push(cwd);
    const first = start(cwd);
    children.push(first.child);
    const url = await first.ready;
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
    await new Promise((r) => first.child.once("exit", r));

    // A second start reuses the database and key: no new token, the old one still works.
    const second = start(cwd);
    children.push(second.child);
    const url2 = await second.ready;
    expect(second.output()).not.toContain("Bootstrap owner token");
    expect(second.output()).not.toContain(token!);
    expect((await fetch(`${url2}/v1/me`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
  }, 60_000);

  it("refuses to start with a malformed REGSCAN_MASTER_KEY, naming the variable but not the value", async () => {
    const cwd = mkdtempSync(join(tmpdir(), "regscan-start-"));
    dirs.push(cwd);
    const bad = "bm90LTMyLWJ5dGVz";
    const run = start(cwd, { REGSCAN_MASTER_KEY: bad });
    children.push(run.child);
    await expect(run.ready).rejects.toThrow(/REGSCAN_MASTER_KEY/);
    expect(run.output()).not.toContain(bad);
  }, 60_000);
});
