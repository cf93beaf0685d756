/** DDL of the libSQL advisory database (idempotent; run on open). */
export const ADVISORY_SCHEMA: readonly string[] = [
  `CREATE TABLE IF NOT EXISTS advisories (
     id TEXT PRIMARY KEY,
     ecosystem TEXT NOT NULL,
     modified TEXT NOT NULL,
     withdrawn TEXT,
     run INTEGER NOT NULL DEFAULT 0,
     json TEXT NOT NULL
   )`,
  `CREATE INDEX IF NOT EXISTS advisories_ecosystem ON advisories (ecosystem, run)`,
  `CREATE TABLE IF NOT EXISTS affected_index (
     ecosystem TEXT NOT NULL,
     name TEXT NOT NULL,
     advisory_id TEXT NOT NULL
   )`,
  `CREATE INDEX IF NOT EXISTS affected_index_package ON affected_index (ecosystem, name)`,
  `CREATE INDEX IF NOT EXISTS affected_index_advisory ON affected_index (advisory_id)`,
  `CREATE TABLE IF NOT EXISTS ecosystem_state (
     ecosystem TEXT PRIMARY KEY,
     last_modified TEXT,
     imported_at TEXT
   )`,
];
