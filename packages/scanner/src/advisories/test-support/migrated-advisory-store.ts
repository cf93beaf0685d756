import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "@libsql/client";
import { createDatabase, migrate } from "@regscan/storage";
import { afterAll, beforeAll } from "vitest";
import type { AdvisoryStore } from "../advisory-store.js";
import { createLibsqlAdvisoryStore } from "../libsql-advisory-store.js";
import type { OsvRecord } from "../osv-record.js";

/** A libSQL advisory store on `url`, migrated by @regscan/storage as the API and CLI do. */
export async function migratedAdvisoryStore(url: string): Promise<AdvisoryStore> {
  const client = createClient({ url });
  await migrate(createDatabase(client));
  return createLibsqlAdvisoryStore(client);
}

/**
 * For a test file: before all its tests, a migrated store in a temp folder holding every OSV
 * record (`*.json`) of `fixtureDir`; closed and removed after them. Returns a getter.
 */
export function fixtureAdvisoryStore(fixtureDir: string): () => AdvisoryStore {
  let dir = "";
  let store: AdvisoryStore | undefined;
  beforeAll(async () => {
    const records = readdirSync(fixtureDir)
      .filter((f) => f.endsWith(".json"))
      .map((f) => JSON.parse(readFileSync(join(fixtureDir, f), "utf8")) as OsvRecord);
    dir = mkdtempSync(join(tmpdir(), "regscan-advisories-"));
    store = await migratedAdvisoryStore(`file:${join(dir, "a.db")}`);
    await store.upsert(records);
  });
  afterAll(() => {
    store?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    if (!store) throw new Error("fixtureAdvisoryStore: used outside a test");
    return store;
  };
}
