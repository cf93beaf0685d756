import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { OsvAffected, OsvEvent } from "../advisories/osv-record.js";
import { compareVersions } from "../versions/index.js";
import { isAffected, lowestFixAbove } from "./affected-by.js";

const npm = (a: string, b: string) => compareVersions("npm", a, b);
const deb = (a: string, b: string) => compareVersions("Debian:12", a, b);
const range = (events: OsvEvent[], type = "ECOSYSTEM"): OsvAffected => ({ ranges: [{ type, events }] });

describe("isAffected (OSV evaluation)", () => {
  it.each([
    {
      name: "since the beginning, before the fix",
      entry: range([{ introduced: "0" }, { fixed: "1.2.0" }]),
      version: "1.1.9",
      affected: true,
    },
    {
      name: "the fixed version itself",
      entry: range([{ introduced: "0" }, { fixed: "1.2.0" }]),
      version: "1.2.0",
      affected: false,
    },
    {
      name: "before introduced",
      entry: range([{ introduced: "1.0.0" }, { fixed: "1.2.0" }]),
      version: "0.9.0",
      affected: false,
    },
    {
      name: "introduced is inclusive",
      entry: range([{ introduced: "1.0.0" }, { fixed: "1.2.0" }]),
      version: "1.0.0",
      affected: true,
    },
    {
      name: "last_affected is inclusive",
      entry: range([{ introduced: "0" }, { last_affected: "1.5.0" }]),
      version: "1.5.0",
      affected: true,
    },
    {
      name: "after last_affected",
      entry: range([{ introduced: "0" }, { last_affected: "1.5.0" }]),
      version: "1.5.1",
      affected: false,
    },
    { name: "no fix yet", entry: range([{ introduced: "0" }]), version: "99.0.0", affected: true },
    {
      name: "between two affected segments",
      entry: range([{ introduced: "1.0.0" }, { fixed: "1.1.0" }, { introduced: "2.0.0" }, { fixed: "2.1.0" }]),
      version: "1.5.0",
      affected: false,
    },
    {
      name: "second segment, events unsorted",
      entry: range([{ fixed: "2.1.0" }, { introduced: "2.0.0" }, { fixed: "1.1.0" }, { introduced: "1.0.0" }]),
      version: "2.0.5",
      affected: true,
    },
    {
      name: "below a limit",
      entry: range([{ introduced: "0" }, { limit: "2.0.0" }]),
      version: "1.9.9",
      affected: true,
    },
    {
      name: "at a limit (exclusive)",
      entry: range([{ introduced: "0" }, { limit: "2.0.0" }]),
      version: "2.0.0",
      affected: false,
    },
    { name: "limit *", entry: range([{ introduced: "0" }, { limit: "*" }]), version: "7.0.0", affected: true },
    {
      name: "SEMVER range",
      entry: range([{ introduced: "0" }, { fixed: "1.0.0" }], "SEMVER"),
      version: "1.0.0-rc.1",
      affected: true,
    },
    {
      name: "GIT ranges ignored",
      entry: range([{ introduced: "0" }, { fixed: "abc123" }], "GIT"),
      version: "1.0.0",
      affected: false,
    },
    { name: "listed in versions[]", entry: { versions: ["1.0.0", "1.0.1"] }, version: "1.0.1", affected: true },
    { name: "not listed in versions[]", entry: { versions: ["1.0.0"] }, version: "1.0.2", affected: false },
    { name: "no ranges, no versions", entry: {}, version: "1.0.0", affected: false },
  ])("npm: $name", ({ entry, version, affected }) => {
    expect(isAffected(entry, version, npm)).toBe(affected);
  });

  it.each([
    { name: "epoch sorts first", version: "1.2.13.dfsg-1", affected: true },
    { name: "Debian revision before the fix", version: "1:1.2.13.dfsg-1", affected: true },
    { name: "security update after the fix", version: "1:1.2.13.dfsg-1+deb12u2", affected: false },
    { name: "tilde sorts before", version: "1:1.2.13.dfsg-1+deb12u1~1", affected: true },
  ])("dpkg order: $name", ({ version, affected }) => {
    const entry = range([{ introduced: "0" }, { fixed: "1:1.2.13.dfsg-1+deb12u1" }]);
    expect(isAffected(entry, version, deb)).toBe(affected);
  });
});

describe("lowestFixAbove", () => {
  const entry: OsvAffected = {
    ranges: [
      {
        type: "ECOSYSTEM",
        events: [{ introduced: "0" }, { fixed: "1.1.0" }, { introduced: "2.0.0" }, { fixed: "2.3.0" }],
      },
      { type: "ECOSYSTEM", events: [{ introduced: "2.0.0" }, { fixed: "2.2.0" }] },
      { type: "GIT", events: [{ introduced: "0" }, { fixed: "0.0.1" }] },
    ],
  };
  it.each([
    { version: "1.0.0", fixed: "1.1.0" },
    { version: "2.0.1", fixed: "2.2.0" },
    { version: "2.2.5", fixed: "2.3.0" },
    { version: "3.0.0", fixed: null },
  ])("$version → $fixed", ({ version, fixed }) => {
    expect(lowestFixAbove(entry, version, npm)).toBe(fixed);
  });
});

describe("isAffected properties", () => {
  const version = fc.tuple(fc.nat(20), fc.nat(20), fc.nat(20)).map(([a, b, c]) => `${a}.${b}.${c}`);

  it("one introduced/fixed range means introduced ≤ v < fixed", () => {
    fc.assert(
      fc.property(version, version, version, (a, b, v) => {
        const [lo, hi] = npm(a, b) <= 0 ? [a, b] : [b, a];
        const entry = range([{ fixed: hi }, { introduced: lo }]);
        expect(isAffected(entry, v, npm)).toBe(npm(v, lo) >= 0 && npm(v, hi) < 0);
      }),
    );
  });

  it("never throws on arbitrary events and versions", () => {
    const event = fc.oneof(
      fc.record({ introduced: fc.string() }),
      fc.record({ fixed: fc.string() }),
      fc.record({ last_affected: fc.string() }),
      fc.record({ limit: fc.string() }),
    );
    fc.assert(
      fc.property(fc.array(event, { maxLength: 8 }), fc.string(), (events, v) => {
        isAffected(range(events), v, deb);
        lowestFixAbove(range(events), v, deb);
      }),
    );
  });
});
