import { ERROR_CODES } from "@regscan/core";
import { describe, expect, it } from "vitest";
import { API_ERROR_MESSAGES, messageFor } from "./error-messages.js";

describe("error messages", () => {
  it("have a title, something to check and an action for every API code (the table is also exhaustive at compile time)", () => {
    expect(Object.keys(API_ERROR_MESSAGES).sort()).toEqual([...ERROR_CODES].sort());
    for (const code of ERROR_CODES) {
      const m = messageFor(code);
      expect(m.title.length, code).toBeGreaterThan(5);
      expect(m.check.length, code).toBeGreaterThan(5);
    }
  });

  it.each([
    ["credential_invalid", "verify"],
    ["unauthenticated", "signIn"],
    ["upstream_unavailable", "retry"],
    ["unreachable", "retry"],
    ["forbidden", "none"],
  ])("%s offers %s", (code, action) => {
    expect(messageFor(code).action).toBe(action);
  });

  it("gives a code this version does not know a generic message that names it", () => {
    expect(messageFor("from_the_future").title).toContain("from_the_future");
  });
});
