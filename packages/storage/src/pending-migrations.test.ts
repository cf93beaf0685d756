import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { migrate } from "./migrate.js";
import { MIGRATIONS } from "./migrations.js";
import { openDatabase } from "./node.js";
import { pendingMigrations } from "./pending-migrations.js";

describe("pendingMigrations", () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });
  async function fresh() {
    const dir = mkdtempSync(join(tmpdir(), "regscan-pending-"));
    const opened = await openDatabase({ url: `file:${join(dir, "regscan.db")}` });
    cleanups.push(async () => {
      await opened.close();
      rmSync(dir, { recursive: true, force: true });
    });
    return opened.db;
  }

  it("lists every migration on an empty database, without creating anything", async () => {
    const db = await fresh();
    expect(await pendingMigrations(db)).toEqual(MIGRATIONS.map((m) => m.id));
    expect(await pendingMigrations(db)).toEqual(MIGRATIONS.map((m) => m.id));
    expect(await db.$client.execute("SELECT name FROM sqlite_master")).toMatchObject({ rows: [] });
  });

  it("lists the migrations not applied yet, oldest first, and none once migrated", async () => {
    const db = await fresh();
    await migrate(db, MIGRATIONS.slice(0, 1));
    expect(await pendingMigrations(db)).toEqual(MIGRATIONS.slice(1).map((m) => m.id));
    await migrate(db);
    expect(await pendingMigrations(db)).toEqual([]);
  });
});
