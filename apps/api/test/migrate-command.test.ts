/**
 * `pnpm --filter @regscan/api migrate`, the deploy step before `wrangler deploy`, run as an
 * operator runs it against a Turso-like database (the Hrana test server, with an auth token).
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { createClient } from "@libsql/client/web";
import { createDatabase, MIGRATIONS, pendingMigrations } from "@regscan/storage";
import { type HranaServer, startHranaServer } from "@regscan/storage/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const ROOT = new URL("../../../", import.meta.url).pathname;
const TOKEN = "turso-token-for-the-migrate-test";

async function migrateCommand(env: Record<string, string | undefined>) {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("REGSCAN_DB")));
  try {
    const { stdout, stderr } = await run("pnpm", ["--silent", "--filter", "@regscan/api", "migrate"], {
      cwd: ROOT,
      env: { ...clean, ...env },
      timeout: 120_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe("the migrate command", () => {
  let dir: string;
  let server: HranaServer;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "regscan-migrate-"));
    server = await startHranaServer({ path: join(dir, "turso.db"), authToken: TOKEN });
  });
  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("applies every migration to REGSCAN_DB_URL with REGSCAN_DB_AUTH_TOKEN, then finds nothing to do", async () => {
    const first = await migrateCommand({ REGSCAN_DB_URL: server.url, REGSCAN_DB_AUTH_TOKEN: TOKEN });
    expect(first).toMatchObject({ code: 0 });
    expect(first.stdout).toBe(
      `Applied ${MIGRATIONS.length} migration(s) to ${server.url}: ${MIGRATIONS.map((m) => m.id).join(", ")}\n`,
    );
    const client = createClient({ url: server.url, authToken: TOKEN });
    expect(await pendingMigrations(createDatabase(client))).toEqual([]);
    client.close();
    const again = await migrateCommand({ REGSCAN_DB_URL: server.url, REGSCAN_DB_AUTH_TOKEN: TOKEN });
    expect(again.stdout).toBe(`${server.url} is up to date (${MIGRATIONS.length} migrations).\n`);
  }, 120_000);

  it("fails saying how to fix a missing URL and a refused token, showing no token", async () => {
    // (pnpm reports any failing script as exit 1; the command itself exits 2 for a bad setting.)
    const missing = await migrateCommand({});
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain("set REGSCAN_DB_URL to the database to migrate");
    const refused = await migrateCommand({
      REGSCAN_DB_URL: `${server.url}?authToken=url-token`,
      REGSCAN_DB_AUTH_TOKEN: "",
    });
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain(`migrating ${server.url} failed`);
    expect(refused.stderr).toContain("Check REGSCAN_DB_URL and REGSCAN_DB_AUTH_TOKEN");
    expect(refused.stderr + refused.stdout).not.toContain("url-token");
  }, 120_000);
});
