import { describe, expect, it } from "vitest";
import { fromBase64, fromBase64Url, toBase64Url, toHex } from "./base64.js";

describe("base64 helpers", () => {
  it.each([
    { bytes: [], url: "" },
    { bytes: [0xfb], url: "-w" },
    { bytes: [0xfb, 0xff], url: "-_8" },
    { bytes: [1, 2, 3], url: "AQID" },
  ])("round-trips $url", ({ bytes, url }) => {
    expect(toBase64Url(Uint8Array.from(bytes))).toBe(url);
    expect(fromBase64Url(url)).toEqual(Uint8Array.from(bytes));
  });

  it.each(["-x", "A", "AQID=", "AQ+D", "a b"])("refuses the non-canonical or foreign base64url %j", (text) => {
    expect(fromBase64Url(text)).toBeNull();
  });

  it.each([
    { text: "AQID", ok: true },
    { text: "AQI=", ok: true },
    { text: "AQI", ok: true },
    { text: "A", ok: false },
    { text: "AQ-D", ok: false },
    { text: "AQ=D", ok: false },
  ])("fromBase64($text) ok=$ok", ({ text, ok }) => {
    expect(fromBase64(text) !== null).toBe(ok);
  });

  it("writes lowercase hex", () => {
    expect(toHex(Uint8Array.from([0, 15, 255]))).toBe("000fff");
  });
});
