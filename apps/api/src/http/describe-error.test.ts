import { DomainError } from "@regscan/core";
import { describe, expect, it } from "vitest";
import { describeError } from "./describe-error.js";

const PARAM = "v1.0123456789abcdef.iv.ciphertext";

describe("describeError", () => {
  it("gives a domain error's code and its driver cause (code and SQLite's message)", () => {
    const driver = Object.assign(new Error("SQLITE_BUSY: database is locked"), {
      name: "LibsqlError",
      code: "SQLITE_BUSY",
    });
    const error = new DomainError("service_unavailable", "locked", undefined, { cause: driver });
    expect(describeError(error)).toEqual({
      code: "service_unavailable",
      cause: [{ name: "LibsqlError", code: "SQLITE_BUSY", message: "SQLITE_BUSY: database is locked" }],
    });
  });

  it("never logs query parameters: drizzle's wrapper is reduced to its name", () => {
    const wrapper = Object.assign(new Error(`Failed query: update credentials set s = ?\nparams: ${PARAM}`), {
      params: [PARAM],
      cause: Object.assign(new Error("disk I/O error"), { name: "LibsqlError", code: "SQLITE_IOERR" }),
    });
    const described = describeError(wrapper);
    expect(described.cause).toEqual([
      { name: "Error" },
      { name: "LibsqlError", code: "SQLITE_IOERR", message: "disk I/O error" },
    ]);
    expect(JSON.stringify(described)).not.toContain(PARAM);
  });

  it("describes an unexpected error (a bug) by name and message, at most five causes deep", () => {
    let error: Error = new TypeError("Cannot read properties of undefined (reading 'id')");
    for (let i = 0; i < 8; i++) error = new Error(`level ${i}`, { cause: error });
    const described = describeError(error);
    expect(described.code).toBeUndefined();
    expect(described.cause).toHaveLength(5);
    expect(described.cause[0]).toEqual({ name: "Error", message: "level 7" });
  });
});
