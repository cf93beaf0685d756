import { describe, expect, it } from "vitest";
import { keyIdOf, parseKeyRing, parseMasterKey, parsePreviousMasterKeys } from "./master-key.js";

const VALID = btoa(String.fromCharCode(...Array.from({ length: 32 }, (_, i) => i)));
const OTHER = btoa(String.fromCharCode(...Array.from({ length: 32 }, (_, i) => 100 + i)));

describe("parseMasterKey", () => {
  it("decodes 32 bytes of base64, ignoring surrounding whitespace", () => {
    expect(parseMasterKey(` ${VALID}\n`)).toEqual(Uint8Array.from({ length: 32 }, (_, i) => i));
  });

  it.each([
    { name: "an empty value", value: "", message: /exactly 32 bytes, got 0/ },
    { name: "16 bytes", value: btoa("a".repeat(16)), message: /exactly 32 bytes, got 16/ },
    { name: "64 bytes", value: btoa("a".repeat(64)), message: /exactly 32 bytes, got 64/ },
    { name: "not base64", value: "this is not base64!!", message: /not valid base64/ },
    { name: "a hex key", value: "ab".repeat(32), message: /exactly 32 bytes, got 48/ },
  ])("rejects $name without echoing it", ({ value, message }) => {
    try {
      parseMasterKey(value);
      expect.unreachable();
    } catch (e) {
      expect(e).toMatchObject({ code: "validation_failed" });
      expect((e as Error).message).toMatch(message);
      expect((e as Error).message).toMatch(/REGSCAN_MASTER_KEY/);
      if (value) expect((e as Error).message).not.toContain(value);
    }
  });
});

describe("parseKeyRing", () => {
  it("reads the active key and the comma-separated previous keys", () => {
    const ring = parseKeyRing({ masterKey: VALID, previousMasterKeys: ` ${OTHER} ,, ${VALID}` });
    expect(ring.previous).toHaveLength(2);
    expect(parseKeyRing({ masterKey: VALID }).previous).toEqual([]);
    expect(parsePreviousMasterKeys(undefined)).toEqual([]);
    expect(parsePreviousMasterKeys(`${OTHER}`)).toEqual([parseMasterKey(OTHER)]);
  });

  it("names the faulty previous key by position", () => {
    expect(() => parseKeyRing({ masterKey: VALID, previousMasterKeys: `${OTHER},short` })).toThrow(
      /REGSCAN_PREVIOUS_MASTER_KEYS entry 2/,
    );
  });
});

describe("keyIdOf", () => {
  it("is 16 hex digits, stable per key and different between keys", async () => {
    const a = await keyIdOf(parseMasterKey(VALID));
    expect(a).toMatch(/^[0-9a-f]{16}$/);
    expect(await keyIdOf(parseMasterKey(VALID))).toBe(a);
    expect(await keyIdOf(parseMasterKey(OTHER))).not.toBe(a);
  });
});
