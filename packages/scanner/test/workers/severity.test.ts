/**
 * CVSS scoring inside workerd: ae-cvss-calculator (a CommonJS/UMD bundle) as the Workers
 * bundler loads it must give the same scores as on Node.
 */

import { describe, expect, it } from "vitest";
import { scoreCvss } from "../../src/index.js";

describe("scoreCvss in workerd", () => {
  it.each([
    ["CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8],
    ["CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H", 7.5],
    ["CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", 9.3],
  ])("%s scores %s", (vector, score) => {
    expect(scoreCvss(vector)?.score).toBe(score);
  });
  it("returns null for a malformed vector", () => expect(scoreCvss("CVSS:3.1/garbage")).toBeNull());
});
