import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { RegscanDatabase } from "../src/database.js";
import { migrate } from "../src/migrate.js";
import { openDatabase } from "../src/node.js";

/** A migrated libSQL database in a fresh temp directory; `close()` deletes the directory. */
export async function openTempDatabase(): Promise<{
  db: RegscanDatabase;
  dir: string;
  path: string;
  close: () => void;
}> {
  const dir = mkdtempSync(join(tmpdir(), "regscan-storage-"));
  const path = join(dir, "regscan.db");
  const opened = openDatabase({ url: `file:${path}` });
  await migrate(opened.db);
  return {
    db: opened.db,
    dir,
    path,
    close: () => {
      opened.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
