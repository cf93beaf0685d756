import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { RegscanDatabase } from "../src/database.js";
import { migrate } from "../src/migrate.js";
import { openDatabase } from "../src/node.js";

/** A migrated libSQL database (WAL, busy timeout) in a fresh temp directory; `close()` deletes the directory. */
export async function openTempDatabase(options: { busyTimeoutMs?: number } = {}): Promise<{
  db: RegscanDatabase;
  /** The write client (one connection), as `openDatabase` gives it: `createLibsqlStore(db, {writeDb})`. */
  writeDb: RegscanDatabase;
  busyTimeoutMs: number;
  dir: string;
  path: string;
  url: string;
  close: () => Promise<void>;
}> {
  const dir = mkdtempSync(join(tmpdir(), "regscan-storage-"));
  const path = join(dir, "regscan.db");
  const url = `file:${path}`;
  const opened = await openDatabase({ url, ...options });
  await migrate(opened.writeDb);
  return {
    db: opened.db,
    writeDb: opened.writeDb,
    busyTimeoutMs: opened.busyTimeoutMs,
    dir,
    path,
    url,
    close: async () => {
      await opened.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
