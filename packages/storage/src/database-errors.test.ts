import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { openTempDatabase } from "../test/temp-database.js";
import { databaseErrorCode, toDomainDatabaseError, translateDatabaseErrors } from "./database-errors.js";

describe("translateDatabaseErrors", () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => await close?.());

  const PARAM = "v1.k1.sensitive-envelope";

  it.each([
    {
      name: "UNIQUE index",
      code: "conflict",
      stmt: sql`INSERT INTO api_tokens VALUES ('t-2', 'n', 'o', 'h', 0, 0, ${PARAM})`,
    },
    {
      name: "PRIMARY KEY",
      code: "conflict",
      stmt: sql`INSERT INTO api_tokens VALUES ('t-1', 'n', 'o', 'other', 0, 0, ${PARAM})`,
    },
    {
      name: "FOREIGN KEY",
      code: "not_found",
      stmt: sql`INSERT INTO projects VALUES ('p-1', 'org-missing', ${PARAM}, 0)`,
    },
    {
      name: "NOT NULL",
      code: "internal",
      stmt: sql`INSERT INTO api_tokens VALUES ('t-3', NULL, 'o', 'h3', 0, 0, ${PARAM})`,
    },
    { name: "syntax error", code: "internal", stmt: sql`INSERT INTO nowhere VALUES (${PARAM})` },
  ])("maps a $name failure to $code without quoting the parameters", async ({ code, stmt }) => {
    const t = await openTempDatabase();
    close = t.close;
    await t.db.run(sql`INSERT INTO api_tokens VALUES ('t-1', 'n', 'o', 'h', 0, 0, 'x')`);
    const error = await translateDatabaseErrors(() => t.db.run(stmt)).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "DomainError", code });
    const cause = (error as { cause?: unknown }).cause;
    expect(JSON.stringify({ message: (error as Error).message, cause: String(cause) })).not.toContain(PARAM);
  });

  it("passes results and domain errors through", async () => {
    expect(await translateDatabaseErrors(async () => 7)).toBe(7);
    const domain = Object.assign(new Error("x"), { name: "DomainError", code: "not_found" });
    await expect(translateDatabaseErrors(() => Promise.reject(domain))).rejects.toBe(domain);
  });
});

describe("toDomainDatabaseError", () => {
  const PARAM = "v1.k1.sensitive-envelope";
  /** What drizzle throws: a wrapper quoting the parameters around libSQL's error. */
  const wrapped = (code: string, message: string) =>
    Object.assign(new Error(`Failed query: insert into x values (?)\nparams: ${PARAM}`), {
      query: "insert into x values (?)",
      params: [PARAM],
      cause: Object.assign(new Error(message), { name: "LibsqlError", code }),
    });

  it.each([
    {
      code: "SQLITE_BUSY",
      message: "SQLITE_BUSY: database is locked",
      domain: "service_unavailable",
      detail: /locked/,
    },
    {
      code: "SQLITE_READONLY",
      message: "attempt to write a readonly database",
      domain: "service_unavailable",
      detail: /read-only/,
    },
    { code: "SQLITE_IOERR_WRITE", message: "disk I/O error", domain: "service_unavailable", detail: /I\/O/ },
    { code: "SQLITE_FULL", message: "database or disk is full", domain: "service_unavailable", detail: /full/ },
    { code: "SQLITE_ERROR", message: "no such table: x", domain: "internal", detail: /query failed/ },
  ])(
    "maps $code to $domain, keeping libSQL's error (not drizzle's) as the cause",
    ({ code, message, domain, detail }) => {
      const error = toDomainDatabaseError(wrapped(code, message));
      expect(error).toMatchObject({ name: "DomainError", code: domain, message: detail });
      expect(error.cause).toMatchObject({ name: "LibsqlError", code });
      expect(JSON.stringify({ m: error.message, c: String(error.cause) })).not.toContain(PARAM);
      expect(databaseErrorCode(wrapped(code, message))).toBe(code);
    },
  );

  it("keeps a non-database error as the cause (for the log), never drizzle's wrapper without a cause", () => {
    const bug = new TypeError("Cannot read properties of undefined (reading 'id')");
    expect(toDomainDatabaseError(bug).cause).toBe(bug);
    const bare = Object.assign(new Error(`Failed query: x\nparams: ${PARAM}`), { params: [PARAM] });
    expect(toDomainDatabaseError(bare).cause).toBeUndefined();
  });
});
