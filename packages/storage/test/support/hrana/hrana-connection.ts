/**
 * Test support: one Hrana stream's SQL connection, a `libsql` (native SQLite) connection to the
 * database file. Statements fail the way Turso's server reports them (`SQLITE_*` primary codes,
 * `SQLite error: …` messages). The driver is synchronous, so a connection never waits inside
 * SQLite for a lock (busy timeout 0): a statement that meets `SQLITE_BUSY` (another stream holds
 * the write lock) is retried after a short pause, giving the event loop to the holder, until
 * `busyTimeoutMs` has passed — what a busy timeout does on a server with threads.
 */
import type Database from "libsql";
import { type BatchCond, type BatchStep, encodeValue, ProtocolError, type Stmt, type Value } from "./hrana-protocol.js";

/** A statement's failure, returned to the client in the pipeline result (not an HTTP error). */
export class StmtError extends Error {
  override readonly name = "StmtError";
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** SQLite's primary result codes by number (https://sqlite.org/rescode.html). */
const PRIMARY_CODES = [
  "SQLITE_OK",
  "SQLITE_ERROR",
  "SQLITE_INTERNAL",
  "SQLITE_PERM",
  "SQLITE_ABORT",
  "SQLITE_BUSY",
  "SQLITE_LOCKED",
  "SQLITE_NOMEM",
  "SQLITE_READONLY",
  "SQLITE_INTERRUPT",
  "SQLITE_IOERR",
  "SQLITE_CORRUPT",
  "SQLITE_NOTFOUND",
  "SQLITE_FULL",
  "SQLITE_CANTOPEN",
  "SQLITE_PROTOCOL",
  "SQLITE_EMPTY",
  "SQLITE_SCHEMA",
  "SQLITE_TOOBIG",
  "SQLITE_CONSTRAINT",
  "SQLITE_MISMATCH",
  "SQLITE_MISUSE",
  "SQLITE_NOLFS",
  "SQLITE_AUTH",
  "SQLITE_FORMAT",
  "SQLITE_RANGE",
  "SQLITE_NOTADB",
] as const;

const SQLITE_BUSY = 5;

interface SqliteFailure {
  code: string;
  rawCode?: number;
  message: string;
}

function isSqliteFailure(e: unknown): e is SqliteFailure {
  return e instanceof Error && e.name === "SqliteError" && typeof (e as { code?: unknown }).code === "string";
}

/** Turso's server reports the primary code only (`SQLITE_CONSTRAINT`, not `…_PRIMARYKEY`). */
function toStmtError(e: unknown): StmtError {
  if (!isSqliteFailure(e)) throw e;
  const primary = e.rawCode === undefined ? undefined : PRIMARY_CODES[e.rawCode & 0xff];
  return new StmtError(primary ?? "SQLITE_UNKNOWN", `SQLite error: ${e.message}`);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface StmtResultJson {
  cols: Array<{ name: string; decltype: string | null }>;
  rows: unknown[][];
  affected_row_count: number;
  last_insert_rowid: string | null;
  rows_read: number;
  rows_written: number;
  query_duration_ms: number;
}

/** Bytes of result rows a pipeline may still return (Turso's `RESPONSE_TOO_LARGE`). */
export interface ResponseBudget {
  remaining: number;
}

function bindable(v: Value): unknown {
  return v instanceof Uint8Array ? Buffer.from(v.buffer, v.byteOffset, v.byteLength) : v;
}

export class HranaConnection {
  readonly #changes: Database.Statement;

  constructor(
    readonly db: Database.Database,
    private readonly busyTimeoutMs: number,
  ) {
    this.#changes = db.prepare("SELECT total_changes(), last_insert_rowid()").raw(true).safeIntegers(true);
  }

  get autocommit(): boolean {
    return !this.db.inTransaction;
  }

  /** Runs one statement; a statement error is thrown as StmtError, a malformed one as ProtocolError. */
  async execute(stmt: Stmt, sqls: ReadonlyMap<number, string>, budget: ResponseBudget): Promise<StmtResultJson> {
    const sql = resolveSql(stmt.sql, stmt.sqlId, sqls);
    if (stmt.args.length > 0 && stmt.namedArgs.length > 0) {
      throw new StmtError(
        "ARGS_BOTH_POSITIONAL_AND_NAMED",
        "Specifying both positional and named arguments is not supported",
      );
    }
    const params =
      stmt.namedArgs.length > 0
        ? Object.fromEntries(stmt.namedArgs.map((a) => [a.name.replace(/^[:@$]/, ""), bindable(a.value)]))
        : stmt.args.map(bindable);
    const deadline = Date.now() + this.busyTimeoutMs;
    for (let pause = 2; ; pause = Math.min(pause * 2, 25)) {
      try {
        return this.#executeOnce(sql, params, stmt.wantRows, budget);
      } catch (e) {
        const busy = isSqliteFailure(e) && e.rawCode === SQLITE_BUSY;
        if (!busy || Date.now() + pause > deadline) throw toStmtError(e);
      }
      await sleep(pause);
    }
  }

  #executeOnce(sql: string, params: unknown, wantRows: boolean, budget: ResponseBudget): StmtResultJson {
    const started = performance.now();
    const [before] = this.#changes.get() as [bigint, bigint];
    const prepared = this.db.prepare(sql).safeIntegers(true);
    let cols: StmtResultJson["cols"] = [];
    let rows: unknown[][] = [];
    if (prepared.reader) {
      prepared.raw(true);
      cols = prepared.columns().map((c) => ({ name: c.name, decltype: c.type }));
      const raw = prepared.all(params) as unknown[][];
      if (wantRows) rows = raw.map((row) => row.map(encodeValue));
    } else {
      prepared.run(params);
    }
    const [after, lastId] = this.#changes.get() as [bigint, bigint];
    const size = rows.length === 0 ? 0 : JSON.stringify(rows).length;
    if (size > budget.remaining) throw new StmtError("RESPONSE_TOO_LARGE", "Response is too large");
    budget.remaining -= size;
    return {
      cols,
      rows,
      affected_row_count: Number(after - before),
      last_insert_rowid: lastId.toString(),
      rows_read: 0,
      rows_written: 0,
      query_duration_ms: performance.now() - started,
    };
  }

  /** A batch: each step runs when its condition holds; results and errors per step (null otherwise). */
  async batch(steps: BatchStep[], sqls: ReadonlyMap<number, string>, budget: ResponseBudget) {
    const results: Array<StmtResultJson | null> = [];
    const errors: Array<{ message: string; code: string } | null> = [];
    const holds = (cond: BatchCond): boolean => {
      switch (cond.type) {
        case "ok":
          return results[cond.step] != null;
        case "error":
          return errors[cond.step] != null;
        case "not":
          return !holds(cond.cond);
        case "and":
          return cond.conds.every(holds);
        case "or":
          return cond.conds.some(holds);
        case "is_autocommit":
          return this.autocommit;
      }
    };
    for (const step of steps) {
      if (step.condition && !holds(step.condition)) {
        results.push(null);
        errors.push(null);
        continue;
      }
      try {
        results.push(await this.execute(step.stmt, sqls, budget));
        errors.push(null);
      } catch (e) {
        if (!(e instanceof StmtError)) throw e;
        results.push(null);
        errors.push({ message: e.message, code: e.code });
      }
    }
    return { step_results: results, step_errors: errors };
  }

  /** Several statements without arguments, stopping at the first failure (no busy retry). */
  sequence(sql: string | undefined, sqlId: number | undefined, sqls: ReadonlyMap<number, string>): void {
    const text = resolveSql(sql, sqlId, sqls);
    try {
      this.db.exec(text);
    } catch (e) {
      throw toStmtError(e);
    }
  }

  /** Ends the connection; an open transaction is rolled back by SQLite. */
  close(): void {
    this.db.close();
  }
}

function resolveSql(sql: string | undefined, sqlId: number | undefined, sqls: ReadonlyMap<number, string>): string {
  if (sql !== undefined && sqlId !== undefined) throw new ProtocolError("both sql and sql_id were given");
  if (sql !== undefined) return sql;
  if (sqlId === undefined) throw new ProtocolError("neither sql nor sql_id was given");
  const stored = sqls.get(sqlId);
  if (stored === undefined) throw new ProtocolError(`no SQL text is stored under sql_id ${sqlId}`);
  return stored;
}
