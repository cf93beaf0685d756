import { readFileSync } from "node:fs";
import { generateSQLiteDrizzleJson, generateSQLiteMigration } from "drizzle-kit/api";
import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { openTempDatabase } from "../test/temp-database.js";
import type { LibsqlDatabase } from "./database.js";
import { migrate } from "./migrate.js";
import { MIGRATIONS } from "./migrations.js";
import * as schema from "./schema.js";

const folder = new URL("../migrations/", import.meta.url);
const journal = JSON.parse(readFileSync(new URL("meta/_journal.json", folder), "utf8")) as {
  entries: { tag: string }[];
};

describe("MIGRATIONS", () => {
  it("lists exactly the migrations of drizzle-kit's journal, in order", () => {
    expect(MIGRATIONS.map((m) => m.id)).toEqual(journal.entries.map((e) => e.tag));
  });

  it.each(MIGRATIONS.map((m) => ({ id: m.id, sql: m.sql })))(
    "$id holds the exact text of migrations/$id.sql",
    ({ id, sql: text }) => {
      expect(text).toBe(readFileSync(new URL(`${id}.sql`, folder), "utf8"));
    },
  );

  it("covers src/schema.ts: drizzle-kit finds nothing left to generate", async () => {
    const last = journal.entries.length - 1;
    const snapshotFile = `meta/${String(last).padStart(4, "0")}_snapshot.json`;
    const previous = JSON.parse(readFileSync(new URL(snapshotFile, folder), "utf8"));
    const current = await generateSQLiteDrizzleJson(schema, previous.id);
    expect(await generateSQLiteMigration(previous, current)).toEqual([]);
  });
});

describe("migrate", () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => await close?.());

  async function tables(db: LibsqlDatabase): Promise<string[]> {
    const rows = await db.all<{ name: string }>(sql`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`);
    return rows.map((r) => r.name);
  }

  it("creates every table and records each migration once; a second run is a no-op", async () => {
    const t = await openTempDatabase(); // already migrated once
    close = t.close;
    expect(await tables(t.db)).toEqual([
      "advisories",
      "affected_index",
      "api_tokens",
      "audit_log",
      "credentials",
      "ecosystem_state",
      "idempotency_keys",
      "image_inventories",
      "organizations",
      "projects",
      "regscan_migrations",
      "scan_findings",
      "scan_jobs",
      "token_grants",
    ]);
    await t.db.insert(schema.organizations).values({ id: "org-a", name: "A", features: [], createdAt: new Date(0) });
    expect(await migrate(t.db)).toEqual([]);
    expect(await migrate(t.db)).toEqual([]);
    expect(await t.db.all(sql`SELECT id FROM regscan_migrations`)).toEqual(MIGRATIONS.map((m) => ({ id: m.id })));
    expect(await t.db.select().from(schema.organizations)).toHaveLength(1);
  });

  it("adopts the advisory tables of an advisory database made before they were migrations", async () => {
    const t = await openTempDatabase();
    close = t.close;
    await t.db.run(sql`DROP TABLE regscan_migrations`);
    for (const table of ["api_tokens", "audit_log", "credentials", "token_grants", "projects", "organizations"]) {
      await t.db.run(sql.raw(`DROP TABLE ${table}`));
    }
    for (const table of ["scan_findings", "scan_jobs", "image_inventories", "idempotency_keys"]) {
      await t.db.run(sql.raw(`DROP TABLE ${table}`));
    }
    await t.db.run(
      sql`INSERT INTO advisories (id, ecosystem, modified, run, json) VALUES ('X-1', 'npm', '2026-01-01', 0, '{}')`,
    );
    expect(await migrate(t.db)).toEqual(MIGRATIONS.map((m) => m.id));
    expect(await t.db.all(sql`SELECT id FROM advisories`)).toEqual([{ id: "X-1" }]);
  });

  it("applies only the migrations that are new", async () => {
    const t = await openTempDatabase();
    close = t.close;
    const next = {
      id: "9999_test_extra",
      sql: "CREATE TABLE `extra` (`x` integer);--> statement-breakpoint\nCREATE INDEX `extra_x` ON `extra` (`x`);",
    };
    expect(await migrate(t.db, [...MIGRATIONS, next])).toEqual(["9999_test_extra"]);
    expect(await migrate(t.db, [...MIGRATIONS, next])).toEqual([]);
    expect(await tables(t.db)).toContain("extra");
  });

  it("leaves no trace of a migration that fails half-way", async () => {
    const t = await openTempDatabase();
    close = t.close;
    const broken = {
      id: "9999_test_broken",
      sql: "CREATE TABLE `half` (`x` integer);--> statement-breakpoint\nTHIS IS NOT SQL;",
    };
    await expect(migrate(t.db, [...MIGRATIONS, broken])).rejects.toThrow();
    expect(await tables(t.db)).not.toContain("half");
    expect(await t.db.all(sql`SELECT id FROM regscan_migrations WHERE id = ${broken.id}`)).toEqual([]);
  });
});
