import { describe, expect, it } from "vitest";
import { closestName, editDistance } from "./closest-name.js";
import { parseRetryAfter } from "./guarded-fetch.js";
import { retryDelayMs } from "./retry-delay.js";

const NOW = Date.parse("2026-11-26T12:00:00Z");

describe("parseRetryAfter", () => {
  it.each([
    ["delta seconds", "7", 7000],
    ["zero", "0", 0],
    ["HTTP date in the future", "Thu, 26 Nov 2026 12:00:30 GMT", 30_000],
    ["HTTP date in the past", "Thu, 26 Nov 2026 11:00:00 GMT", 0],
    ["absent", null, null],
    ["empty", "  ", null],
    ["garbage", "soon", null],
    ["negative", "-5", null],
  ])("%s", (_name, header, expected) => {
    expect(parseRetryAfter(header, NOW)).toBe(expected);
  });
});

describe("retryDelayMs", () => {
  const options = { baseDelayMs: 100, maxDelayMs: 1000 };
  it.each([
    { attempt: 0, retryAfter: null, random: 0, expected: 50 },
    { attempt: 0, retryAfter: null, random: 0.999, expected: 100 },
    { attempt: 2, retryAfter: null, random: 0.5, expected: 300 },
    { attempt: 10, retryAfter: null, random: 0.999, expected: 1000 },
    { attempt: 0, retryAfter: 2000, random: 0.5, expected: 2000 },
    { attempt: 3, retryAfter: 100, random: 0.5, expected: 600 },
  ])(
    "attempt $attempt, Retry-After $retryAfter, random $random → $expected ms",
    ({ attempt, retryAfter, random, expected }) => {
      expect(retryDelayMs(attempt, retryAfter, { ...options, random: () => random })).toBe(expected);
    },
  );
});

describe("closestName", () => {
  it.each([
    ["other case", "My-Namespace", ["my-namespace", "other"], "my-namespace"],
    ["one typo", "my-namespac", ["my-namespace", "other"], "my-namespace"],
    ["two typos", "my-nemespac", ["my-namespace"], "my-namespace"],
    ["too far", "production", ["my-namespace"], null],
    ["exact match is not a suggestion", "my-namespace", ["my-namespace"], null],
    ["short names are not guessed wildly", "ab", ["cd"], null],
    ["nearest wins", "app", ["apps", "ap-x"], "apps"],
    ["no candidates", "x", [], null],
  ])("%s", (_name, wanted, candidates, expected) => {
    expect(closestName(wanted, candidates)).toBe(expected);
  });

  it("edit distance", () => {
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("", "abc")).toBe(3);
  });
});
