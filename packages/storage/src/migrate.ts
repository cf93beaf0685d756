import { sql } from "drizzle-orm";
import type { LibsqlDatabase } from "./database.js";
import { MIGRATIONS, type Migration } from "./migrations.js";

const BREAKPOINT = "--> statement-breakpoint";

/** The statements of a drizzle-kit migration file. */
export function migrationStatements(migration: Migration): string[] {
  return migration.sql
    .split(BREAKPOINT)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

async function appliedIds(db: LibsqlDatabase): Promise<Set<string>> {
  const rows = await db.all<{ id: string }>(sql`SELECT id FROM regscan_migrations`);
  return new Set(rows.map((r) => r.id));
}

/**
 * Brings the schema up to date: applies, oldest first, every migration not yet recorded in the
 * `regscan_migrations` table. Each migration and its record commit together in one batch, so a
 * failure leaves no half-applied migration, and running it again (or on every start) is a no-op.
 * Needs no filesystem: it works on Node and on Workers. Returns the ids it applied.
 */
export async function migrate(db: LibsqlDatabase, migrations: readonly Migration[] = MIGRATIONS): Promise<string[]> {
  await db.run(
    sql`CREATE TABLE IF NOT EXISTS regscan_migrations (id text PRIMARY KEY NOT NULL, applied_at integer NOT NULL)`,
  );
  const applied = await appliedIds(db);
  const done: string[] = [];
  for (const migration of migrations) {
    if (applied.has(migration.id)) continue;
    const statements = migrationStatements(migration).map((s) => db.run(sql.raw(s)));
    const record = db.run(sql`INSERT INTO regscan_migrations (id, applied_at) VALUES (${migration.id}, ${Date.now()})`);
    try {
      await db.batch([record, ...statements]);
    } catch (e) {
      // Another process may have applied it in the meantime; only then is the failure harmless.
      if (!(await appliedIds(db)).has(migration.id)) throw e;
      continue;
    }
    done.push(migration.id);
  }
  return done;
}
