import { createClient } from "@libsql/client";
import { createDatabase, migrate } from "@regscan/storage";
import type { AdvisoryStore } from "../advisory-store.js";
import { createLibsqlAdvisoryStore } from "../libsql-advisory-store.js";

/** A libSQL advisory store on `url`, migrated by @regscan/storage as the API and CLI do. */
export async function migratedAdvisoryStore(url: string): Promise<AdvisoryStore> {
  const client = createClient({ url });
  await migrate(createDatabase(client));
  return createLibsqlAdvisoryStore(client);
}
