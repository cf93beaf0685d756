import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { openTempDatabase } from "../test/temp-database.js";
import { translateDatabaseErrors } from "./database-errors.js";

describe("translateDatabaseErrors", () => {
  let close: (() => void) | undefined;
  afterEach(() => close?.());

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
