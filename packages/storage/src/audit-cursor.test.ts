import { describe, expect, it } from "vitest";
import { decodeAuditCursor, encodeAuditCursor } from "./audit-cursor.js";

describe("audit cursor", () => {
  it.each([
    { name: "ascii id", cursor: { at: 1767323045678, id: "e-1" } },
    { name: "epoch", cursor: { at: 0, id: "" } },
    { name: "unicode id", cursor: { at: 42, id: "é✓/+=" } },
  ])("round-trips $name as URL-safe text", ({ cursor }) => {
    const text = encodeAuditCursor(cursor);
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeAuditCursor(text)).toEqual(cursor);
  });

  it.each([
    { name: "empty", text: "" },
    { name: "not base64url", text: "a+b/c=" },
    { name: "not JSON", text: Buffer.from("hello").toString("base64url") },
    { name: "wrong shape", text: Buffer.from('{"at":1,"id":"x"}').toString("base64url") },
    { name: "fractional time", text: Buffer.from('[1.5,"x"]').toString("base64url") },
    { name: "id not a string", text: Buffer.from("[1,2]").toString("base64url") },
    { name: "invalid UTF-8", text: Buffer.from([0x5b, 0xff, 0x5d]).toString("base64url") },
  ])("rejects $name with validation_failed", ({ text }) => {
    expect(() => decodeAuditCursor(text)).toThrow(
      expect.objectContaining({ name: "DomainError", code: "validation_failed" }),
    );
  });
});
