import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "@libsql/client";
import { afterAll, describe, expect, it } from "vitest";
import { SqliteFormatError, SqliteTableReader } from "./sqlite-table-reader.js";

const dir = mkdtempSync(join(tmpdir(), "regscan-sqlite-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Deterministic bytes (no Math.random): a small LCG. */
function bytes(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

const ROWS = Array.from({ length: 160 }, (_, i) => ({
  id: i + 1,
  int: [0, 1, -1, 127, -32768, 8_388_607, 2_147_483_647, -(2 ** 40), 2 ** 52][i % 9] as number,
  text: i % 7 === 0 ? null : `row-${i}-${"é".repeat(i % 13)}`,
  blob: bytes([0, 10, 500, 4000, 9000, 40_000][i % 6] as number, i),
}));

/** Writes a real SQLite file with libSQL (the reference implementation) and returns its bytes. */
let dbCount = 0;
async function makeDb(pageSize: number): Promise<Uint8Array> {
  const path = join(dir, `t-${dbCount++}.db`);
  const db = createClient({ url: `file:${path}` });
  await db.execute(`PRAGMA page_size = ${pageSize}`);
  await db.execute("PRAGMA synchronous = OFF");
  await db.execute("CREATE TABLE other (x TEXT)");
  await db.execute(
    "CREATE TABLE Packages (hnum INTEGER PRIMARY KEY AUTOINCREMENT, n INTEGER, t TEXT, blob BLOB NOT NULL)",
  );
  await db.batch(
    ROWS.map((r) => ({ sql: "INSERT INTO Packages VALUES (?, ?, ?, ?)", args: [r.id, r.int, r.text, r.blob] })),
    "write",
  );
  db.close();
  return new Uint8Array(readFileSync(path));
}

describe("SqliteTableReader", () => {
  it.each([1024, 65536])(
    "reads every row of a multi-level table b-tree written by SQLite (page size %i)",
    async (pageSize) => {
      const reader = new SqliteTableReader(await makeDb(pageSize));
      expect(reader.pageSize).toBe(pageSize);
      const root = reader.tableRoot("packages");
      expect(root).toBeDefined();
      // Blobs compared as base64: vitest's deep equality over 2 MB of typed arrays is slow.
      const b64 = (b: unknown) => (b instanceof Uint8Array ? Buffer.from(b).toString("base64") : b);
      const rows = [...reader.rows(root as number)].map(({ rowid, values }) => ({
        id: rowid,
        int: values[1],
        text: values[2],
        blob: b64(values[3]),
      }));
      expect(rows).toEqual(ROWS.map((r) => ({ ...r, blob: b64(r.blob) })));
    },
  );

  it("has no root for a missing table", async () => {
    expect(new SqliteTableReader(await makeDb(4096)).tableRoot("Nope")).toBeUndefined();
  });

  it.each([
    { name: "empty", data: new Uint8Array(0) },
    { name: "not sqlite", data: new TextEncoder().encode("x".repeat(200)) },
  ])("rejects $name input with SqliteFormatError", ({ data }) => {
    expect(() => new SqliteTableReader(data)).toThrow(SqliteFormatError);
  });
});
