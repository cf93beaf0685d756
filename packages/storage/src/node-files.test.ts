import { chmodSync, mkdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "@libsql/client";
import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { migrate } from "./migrate.js";
import { checkWritable, findInsecureModes, openDatabase } from "./node.js";

let dir: string;
const closers: (() => unknown)[] = [];
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "regscan-files-"));
});
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
  rmSync(dir, { recursive: true, force: true });
});

async function open(path: string, busyTimeoutMs?: number) {
  const opened = await openDatabase({ url: `file:${path}`, ...(busyTimeoutMs ? { busyTimeoutMs } : {}) });
  closers.push(opened.close);
  await migrate(opened.writeDb);
  return opened;
}

const mode = (path: string) => statSync(path).mode & 0o777;

describe("database files", () => {
  it("creates the data folder 0700 and the database, WAL and shared-memory files 0600", async () => {
    const data = join(dir, "data");
    const path = join(data, "regscan.db");
    const { db, insecureModes } = await open(path);
    await db.run(sql`INSERT INTO organizations VALUES ('o', 'n', '[]', 0)`);
    expect(insecureModes).toEqual([]);
    expect(mode(data)).toBe(0o700);
    for (const file of [path, `${path}-wal`, `${path}-shm`]) expect(mode(file), file).toBe(0o600);
  });

  it("reports an existing folder and database wider than 0700 / 0600", async () => {
    const data = join(dir, "shared");
    const path = join(data, "regscan.db");
    mkdirSync(data);
    chmodSync(data, 0o755);
    writeFileSync(path, "");
    chmodSync(path, 0o644);
    const { insecureModes } = await open(path);
    expect(insecureModes).toEqual([
      { path: data, mode: 0o755, expected: 0o700 },
      { path, mode: 0o644, expected: 0o600 },
    ]);
    expect(findInsecureModes(path)).toContainEqual({ path: `${path}-wal`, mode: 0o644, expected: 0o600 });
  });

  it("switches the file database to WAL", async () => {
    const { db } = await open(join(dir, "regscan.db"));
    expect(await db.all(sql`PRAGMA journal_mode`)).toEqual([{ journal_mode: "wal" }]);
  });

  it.each([
    {
      name: "a data folder that cannot be created",
      setup: () => writeFileSync(join(dir, "taken"), "a file, not a folder"),
      path: () => join(dir, "taken", "regscan.db"),
      message: /Cannot create the data folder .*taken.*ENOTDIR/,
    },
    {
      name: "a database path that is a folder",
      setup: () => mkdirSync(join(dir, "regscan.db")),
      path: () => join(dir, "regscan.db"),
      message: /regscan\.db/,
    },
  ])("stops with service_unavailable on $name", async ({ setup, path, message }) => {
    setup();
    const error = await openDatabase({ url: `file:${path()}` }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "DomainError", code: "service_unavailable", message });
  });
});

describe("locks held by another process", () => {
  it("reads are answered while another connection holds the write lock (WAL)", async () => {
    const path = join(dir, "regscan.db");
    const { db } = await open(path, 5000);
    const other = createClient({ url: `file:${path}` });
    closers.push(() => other.close());
    const held = await other.transaction("write");
    try {
      await held.execute("INSERT INTO organizations VALUES ('held', 'n', '[]', 0)");
      const started = Date.now();
      expect(await db.all(sql`SELECT id FROM organizations`)).toEqual([]);
      expect(Date.now() - started).toBeLessThan(1000);
    } finally {
      await held.commit();
    }
    expect(await db.all(sql`SELECT id FROM organizations`)).toEqual([{ id: "held" }]);
  });

  it("a write that waits longer than the busy timeout fails with service_unavailable, naming the lock", async () => {
    const path = join(dir, "regscan.db");
    const { writeDb } = await open(path, 200);
    const other = createClient({ url: `file:${path}` });
    closers.push(() => other.close());
    const held = await other.transaction("write");
    try {
      const error = await checkWritable(writeDb, { busyTimeoutMs: 200 }).catch((e: unknown) => e);
      expect(error).toMatchObject({ name: "DomainError", code: "service_unavailable", message: /locked/ });
      expect((error as { cause?: { code?: string } }).cause?.code).toBe("SQLITE_BUSY");
    } finally {
      await held.rollback();
    }
    await expect(checkWritable(writeDb)).resolves.toBeUndefined();
  });
});

describe("readiness", () => {
  it("is ready while the file is there, and not once it was deleted", async () => {
    const path = join(dir, "regscan.db");
    const opened = await open(path);
    expect(await opened.ready()).toEqual({ ok: true });
    for (const suffix of ["", "-wal", "-shm"]) rmSync(`${path}${suffix}`, { force: true });
    expect(await opened.ready()).toEqual({ ok: false, reason: expect.stringMatching(/deleted or replaced/) });
  });
});
