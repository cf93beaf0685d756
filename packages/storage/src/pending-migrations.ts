import { sql } from "drizzle-orm";
import type { LibsqlDatabase } from "./database.js";
import { MIGRATIONS, type Migration } from "./migrations.js";

/**
 * The ids of `migrations` (this build's, by default) the database has not applied, oldest first:
 * all of them on an empty database. Only reads, so a Worker can check its schema without
 * migrating (migrations are a deploy step there). Runs on every runtime.
 */
export async function pendingMigrations(
  db: LibsqlDatabase,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<string[]> {
  const table = await db.all<{ n: number }>(
    sql`SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'regscan_migrations'`,
  );
  if (Number(table[0]?.n ?? 0) === 0) return migrations.map((m) => m.id);
  const rows = await db.all<{ id: string }>(sql`SELECT id FROM regscan_migrations`);
  const applied = new Set(rows.map((r) => r.id));
  return migrations.filter((m) => !applied.has(m.id)).map((m) => m.id);
}
