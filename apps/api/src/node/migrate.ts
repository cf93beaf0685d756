// `pnpm --filter @regscan/api migrate`: applies regscan's migrations to the database at
// REGSCAN_DB_URL (with REGSCAN_DB_AUTH_TOKEN for Turso). The deploy step before `wrangler deploy`:
// the Worker checks the schema and answers 503 until this has run; it never migrates by itself.
import { MIGRATIONS } from "@regscan/storage";
import { migrateWhenFree, openDatabase } from "@regscan/storage/node";
import { loadConfig } from "../config.js";

/** The database URL without credentials or query (Turso URLs may carry `?authToken=`). */
function shown(url: string): string {
  if (url.startsWith("file:")) return url.replace(/[?#].*$/, "");
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname === "/" ? "" : parsed.pathname}`;
  } catch {
    // Not a URL at all: the client's own error below says so; show nothing of it here.
    return "(the REGSCAN_DB_URL database)";
  }
}

async function main(): Promise<number> {
  if (!process.env.REGSCAN_DB_URL) {
    process.stderr.write(
      "regscan migrate: set REGSCAN_DB_URL to the database to migrate (libsql://<db>-<org>.turso.io, with REGSCAN_DB_AUTH_TOKEN), or a file: URL.\n",
    );
    return 2;
  }
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    // loadConfig throws only for an invalid configuration, naming each variable (never its value).
    process.stderr.write(`regscan migrate: ${(error as Error).message}\n`);
    return 2;
  }
  const target = shown(config.REGSCAN_DB_URL);
  const database = await openDatabase({ url: config.REGSCAN_DB_URL, authToken: config.REGSCAN_DB_AUTH_TOKEN });
  try {
    const applied = await migrateWhenFree(database.writeDb, { busyTimeoutMs: database.busyTimeoutMs });
    process.stdout.write(
      applied.length > 0
        ? `Applied ${applied.length} migration(s) to ${target}: ${applied.join(", ")}\n`
        : `${target} is up to date (${MIGRATIONS.length} migrations).\n`,
    );
    return 0;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    process.stderr.write(
      `regscan migrate: migrating ${target} failed${typeof code === "string" ? ` (${code})` : ""}: ${(error as Error).message}\n` +
        "Check REGSCAN_DB_URL and REGSCAN_DB_AUTH_TOKEN (`turso db tokens create <db>`).\n",
    );
    return 1;
  } finally {
    await database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`regscan migrate: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
