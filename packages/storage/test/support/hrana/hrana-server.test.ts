import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Client, createClient } from "@libsql/client/web";
import { afterEach, describe, expect, it } from "vitest";
import { type HranaServer, type HranaServerOptions, startHranaServer } from "./hrana-server.js";

const opened: Array<{ server: HranaServer; client: Client; dir: string }> = [];

async function start(options: Partial<HranaServerOptions> = {}, authToken = options.authToken) {
  const dir = mkdtempSync(join(tmpdir(), "regscan-hrana-"));
  const server = await startHranaServer({ path: join(dir, "db.sqlite"), ...options });
  const client = createClient({ url: server.url, ...(authToken ? { authToken } : {}) });
  opened.push({ server, client, dir });
  return { server, client };
}

afterEach(async () => {
  for (const { server, client, dir } of opened.splice(0)) {
    client.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

/** One raw `POST /v2/pipeline`. */
async function pipeline(server: HranaServer, body: unknown) {
  const res = await fetch(`${server.url}/v2/pipeline`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, type: res.headers.get("content-type"), text, json: () => JSON.parse(text) };
}

const exec = (sql: string, args: unknown[] = []) => ({ type: "execute", stmt: { sql, args } });

describe("Hrana test server through @libsql/client/web", () => {
  it("executes statements with every value type, row counts and rowids", async () => {
    const { client, server } = await start();
    await client.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, i INTEGER, f REAL, s TEXT, b BLOB, n TEXT)");
    const inserted = await client.execute({
      sql: "INSERT INTO t (i, f, s, b, n) VALUES (?, ?, ?, ?, ?)",
      args: [9007199254740993n, 2.5, "héllo", new Uint8Array([0, 255, 7]), null],
    });
    expect(inserted.rowsAffected).toBe(1);
    expect(inserted.lastInsertRowid).toBe(1n);
    const rows = await createClient({ url: server.url, intMode: "bigint" }).execute("SELECT i, f, s, b, n FROM t");
    expect(rows.columns).toEqual(["i", "f", "s", "b", "n"]);
    expect(rows.columnTypes).toEqual(["INTEGER", "REAL", "TEXT", "BLOB", "TEXT"]);
    const [row] = rows.rows;
    expect([row?.i, row?.f, row?.s, new Uint8Array(row?.b as ArrayBuffer), row?.n]).toEqual([
      9007199254740993n,
      2.5,
      "héllo",
      new Uint8Array([0, 255, 7]),
      null,
    ]);
    const named = await client.execute({ sql: "SELECT :a + @b AS sum", args: { a: 2, b: 3 } });
    expect(named.rows[0]?.sum).toBe(5);
    const updated = await client.execute("UPDATE t SET s = 'x' RETURNING id");
    expect([updated.rowsAffected, updated.rows.length]).toEqual([1, 1]);
    expect(server.openStreams).toBe(0);
  });

  it("reports statement failures with Turso's primary SQLite codes", async () => {
    const { client } = await start();
    await client.execute("CREATE TABLE t (id TEXT PRIMARY KEY)");
    await client.execute("INSERT INTO t VALUES ('a')");
    const dup = await client.execute("INSERT INTO t VALUES ('a')").catch((e: unknown) => e);
    expect(dup).toMatchObject({
      code: "SQLITE_CONSTRAINT",
      message: expect.stringContaining("UNIQUE constraint failed"),
    });
    const missing = await client.execute("SELECT * FROM nope").catch((e: unknown) => e);
    expect(missing).toMatchObject({ code: "SQLITE_ERROR", message: expect.stringContaining("no such table: nope") });
  });

  it("runs a batch atomically: a failing step rolls the earlier ones back", async () => {
    const { client } = await start();
    await client.execute("CREATE TABLE t (id TEXT PRIMARY KEY)");
    const failed = await client
      .batch(["INSERT INTO t VALUES ('a')", "INSERT INTO t VALUES ('b')", "INSERT INTO t VALUES ('a')"], "write")
      .catch((e: unknown) => e);
    expect(failed).toMatchObject({ code: "SQLITE_CONSTRAINT", statementIndex: 2 });
    expect((await client.execute("SELECT count(*) AS n FROM t")).rows[0]?.n).toBe(0);
    const done = await client.batch(["INSERT INTO t VALUES ('a')", "SELECT id FROM t"], "write");
    expect(done[1]?.rows.map((r) => r.id)).toEqual(["a"]);
  });

  it("keeps an interactive transaction across requests, isolated until commit", async () => {
    const { client, server } = await start();
    await client.execute("CREATE TABLE t (v TEXT)");
    const tx = await client.transaction("write");
    await tx.execute("INSERT INTO t VALUES ('in tx')");
    expect((await tx.execute("SELECT count(*) AS n FROM t")).rows[0]?.n).toBe(1);
    expect((await client.execute("SELECT count(*) AS n FROM t")).rows[0]?.n).toBe(0);
    expect(server.openStreams).toBe(1);
    await tx.commit();
    expect((await client.execute("SELECT count(*) AS n FROM t")).rows[0]?.n).toBe(1);
    const rolledBack = await client.transaction("write");
    await rolledBack.execute("INSERT INTO t VALUES ('gone')");
    await rolledBack.rollback();
    expect((await client.execute("SELECT v FROM t")).rows.map((r) => r.v)).toEqual(["in tx"]);
    expect(server.openStreams).toBe(0);
  });

  it("makes a second writer wait for the first transaction's commit instead of failing", async () => {
    const { client } = await start();
    await client.execute("CREATE TABLE t (v TEXT)");
    const first = await client.transaction("write");
    await first.execute("INSERT INTO t VALUES ('first')");
    const second = client.execute("INSERT INTO t VALUES ('second')");
    await new Promise((r) => setTimeout(r, 100));
    await first.commit();
    await second;
    expect((await client.execute("SELECT v FROM t ORDER BY rowid")).rows.map((r) => r.v)).toEqual(["first", "second"]);
  });

  it("gives up on a lock held longer than busyTimeoutMs with SQLITE_BUSY", async () => {
    const { client } = await start({ busyTimeoutMs: 150 });
    await client.execute("CREATE TABLE t (v TEXT)");
    const holder = await client.transaction("write");
    await holder.execute("INSERT INTO t VALUES ('held')");
    const blocked = await client.execute("INSERT INTO t VALUES ('blocked')").catch((e: unknown) => e);
    expect(blocked).toMatchObject({ code: "SQLITE_BUSY" });
    await holder.commit();
  });

  it("expires an idle stream and rolls its transaction back", async () => {
    const { client, server } = await start({ streamIdleMs: 100 });
    await client.execute("CREATE TABLE t (v TEXT)");
    const tx = await client.transaction("write");
    await tx.execute("INSERT INTO t VALUES ('abandoned')");
    await new Promise((r) => setTimeout(r, 600));
    expect(server.openStreams).toBe(0);
    const late = await tx.execute("SELECT 1").catch((e: unknown) => e);
    expect(String(late)).toContain("The stream has expired due to inactivity");
    expect((await client.execute("SELECT count(*) AS n FROM t")).rows[0]?.n).toBe(0);
  });

  it("runs a sequence of statements (executeMultiple)", async () => {
    const { client } = await start();
    await client.executeMultiple("CREATE TABLE a (x); CREATE TABLE b (y); INSERT INTO a VALUES (1);");
    expect((await client.execute("SELECT x FROM a")).rows[0]?.x).toBe(1);
    const failed = await client
      .executeMultiple("INSERT INTO b VALUES (1); INSERT INTO nope VALUES (1);")
      .catch((e) => e);
    expect(failed).toMatchObject({ code: "SQLITE_ERROR" });
  });

  it("requires the auth token when it has one", async () => {
    const { client } = await start({ authToken: "turso-token" }, "wrong-token");
    const refused = await client.execute("SELECT 1").catch((e: unknown) => e);
    expect(String(refused)).toContain("401");
    const { client: good } = await start({ authToken: "turso-token" });
    expect((await good.execute("SELECT 1 AS one")).rows[0]?.one).toBe(1);
  });
});

describe("Hrana test server: the wire protocol", () => {
  it("stores SQL texts per stream, runs them by id and bounds them", async () => {
    const { server } = await start();
    const opened = (
      await pipeline(server, {
        baton: null,
        requests: [
          { type: "store_sql", sql_id: 1, sql: "SELECT ? * 2 AS twice" },
          { type: "execute", stmt: { sql_id: 1, args: [{ type: "integer", value: "21" }] } },
          { type: "close_sql", sql_id: 1 },
          { type: "store_sql", sql_id: 2, sql: "x".repeat(5001) },
        ],
      })
    ).json();
    expect(opened.results[1].response.result.rows).toEqual([[{ type: "integer", value: "42" }]]);
    expect(opened.results[3]).toMatchObject({ type: "error", error: { code: "SQL_STORE_TOO_LARGE" } });
    const stores = Array.from({ length: 51 }, (_, i) => ({ type: "store_sql", sql_id: i + 10, sql: "SELECT 1" }));
    const many = (await pipeline(server, { baton: opened.baton, requests: [...stores, { type: "close" }] })).json();
    expect(many.results[49]).toEqual({ type: "ok", response: { type: "store_sql" } });
    expect(many.results[50]).toMatchObject({ type: "error", error: { code: "SQL_STORE_TOO_MANY" } });
    expect(many.baton).toBeNull();
    const unknown = await pipeline(server, { baton: null, requests: [{ type: "execute", stmt: { sql_id: 7 } }] });
    expect([unknown.status, unknown.text]).toEqual([400, "no SQL text is stored under sql_id 7"]);
  });

  it("evaluates batch conditions (ok, error, not, and, or, is_autocommit) and reports autocommit", async () => {
    const { server } = await start();
    const steps = [
      { stmt: { sql: "BEGIN" } },
      { stmt: { sql: "SELECT nope" } },
      { condition: { type: "error", step: 1 }, stmt: { sql: "SELECT 'ran on error'" } },
      { condition: { type: "ok", step: 1 }, stmt: { sql: "SELECT 'skipped'" } },
      {
        condition: {
          type: "and",
          conds: [
            { type: "ok", step: 0 },
            { type: "not", cond: { type: "is_autocommit" } },
          ],
        },
        stmt: { sql: "SELECT 'in a transaction'" },
      },
      {
        condition: {
          type: "or",
          conds: [
            { type: "ok", step: 3 },
            { type: "error", step: 3 },
          ],
        },
        stmt: { sql: "SELECT 1" },
      },
    ];
    const res = (
      await pipeline(server, {
        baton: null,
        requests: [{ type: "batch", batch: { steps } }, { type: "get_autocommit" }],
      })
    ).json();
    const { step_results: results, step_errors: errors } = res.results[0].response.result;
    expect(results.map((r: unknown) => r !== null)).toEqual([true, false, true, false, true, false]);
    expect(errors.map((e: unknown) => e !== null)).toEqual([false, true, false, false, false, false]);
    expect(errors[1]).toMatchObject({ code: "SQLITE_ERROR" });
    expect(res.results[1].response).toEqual({ type: "get_autocommit", is_autocommit: false });
    const forward = await pipeline(server, {
      baton: null,
      requests: [
        { type: "batch", batch: { steps: [{ condition: { type: "ok", step: 0 }, stmt: { sql: "SELECT 1" } }] } },
      ],
    });
    expect(forward.status).toBe(400);
  });

  it("hands out a new baton per response and refuses an old, forged or concurrent one", async () => {
    const { server } = await start();
    const first = (await pipeline(server, { baton: null, requests: [exec("SELECT 1")] })).json();
    const second = (await pipeline(server, { baton: first.baton, requests: [exec("SELECT 2")] })).json();
    expect(second.baton).not.toBe(first.baton);
    const reused = await pipeline(server, { baton: first.baton, requests: [exec("SELECT 3")] });
    expect([reused.status, reused.text]).toEqual([400, "the baton has been reused"]);
    const forged = await pipeline(server, { baton: "not-a-baton", requests: [] });
    expect(forged.status).toBe(400);
    const closing = await pipeline(server, { baton: second.baton, requests: [{ type: "close" }, exec("SELECT 4")] });
    expect([closing.status, closing.text]).toEqual([
      400,
      "the stream was closed by an earlier request of this pipeline",
    ]);
    expect(server.openStreams).toBe(0);
  });

  it("bounds the body, the pipeline and the result size", async () => {
    const { server } = await start({ maxBodyBytes: 1024, maxResponseBytes: 2000 });
    const big = await pipeline(server, { baton: null, requests: [exec(`SELECT '${"x".repeat(2000)}'`)] });
    expect([big.status, big.text]).toEqual([413, "the request body is larger than 1024 bytes"]);
    const { server: other } = await start();
    const many = await pipeline(other, { baton: null, requests: Array(1001).fill({ type: "get_autocommit" }) });
    expect([many.status, many.text]).toEqual([400, "requests has 1001 entries, more than the 1000 this server takes"]);
    const res = (
      await pipeline(server, {
        baton: null,
        requests: [exec("SELECT zeroblob(1500) AS b"), exec("SELECT 1"), { type: "close" }],
      })
    ).json();
    expect(res.results[0]).toMatchObject({ type: "error", error: { code: "RESPONSE_TOO_LARGE" } });
    expect(res.results[1].type).toBe("ok");
    const notJson = await pipeline(server, "{");
    expect([notJson.status, notJson.type]).toEqual([400, "text/plain"]);
    expect((await fetch(`${server.url}/v3-protobuf`)).status).toBe(404);
  });

  it("simulates an outage from the first statement matching a pattern", async () => {
    const { server, client } = await start();
    await client.execute("CREATE TABLE t (v TEXT)");
    server.outageOn(/INSERT INTO t/, 300);
    expect((await client.execute("SELECT count(*) AS n FROM t")).rows[0]?.n).toBe(0);
    const failed = await client.execute("INSERT INTO t VALUES ('x')").catch((e: unknown) => e);
    expect(String(failed)).toContain("503");
    expect(String(await client.execute("SELECT 1").catch((e: unknown) => e))).toContain("503");
    await new Promise((r) => setTimeout(r, 350));
    await client.execute("INSERT INTO t VALUES ('y')");
    expect((await client.execute("SELECT v FROM t")).rows.map((r) => r.v)).toEqual(["y"]);
  });
});
