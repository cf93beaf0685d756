import { isDomainError } from "@regscan/core";
import { describe, expect, it } from "vitest";
import { parseSize } from "./parse-size.js";

describe("parseSize", () => {
  it.each([
    ["1048576", 1048576],
    ["512MiB", 512 * 1024 ** 2],
    ["8GiB", 8 * 1024 ** 3],
    ["8gib", 8 * 1024 ** 3],
    ["1.5GiB", 1.5 * 1024 ** 3],
    ["4Gi", 4 * 1024 ** 3],
    ["100KiB", 102400],
    ["2TiB", 2 * 1024 ** 4],
    ["500MB", 500_000_000],
    [" 64 MiB ", 64 * 1024 ** 2],
    ["10B", 10],
  ])("%s is %i bytes", (text, bytes) => {
    expect(parseSize(text)).toBe(bytes);
  });

  it.each(["", "abc", "-1GiB", "0", "8XB", "1e9", "8 GiB B", "99999999999TiB"])("refuses %j", (text) => {
    let error: unknown;
    try {
      parseSize(text, "--max-uncompressed-size");
    } catch (e) {
      error = e;
    }
    expect(isDomainError(error) && error.code).toBe("validation_failed");
    expect((error as Error).message).toContain("--max-uncompressed-size must be a positive size");
  });
});
