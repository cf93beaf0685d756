import { describe, expect, it } from "vitest";
import { scan, summary } from "../test-support/fixtures.js";
import { latestPerTag, lessVulnerableTags, trackOf } from "./alternative-tags.js";
import { tagOf } from "./image-reference.js";

describe("trackOf", () => {
  it.each([
    ["1.4.2-slim", { major: "1", version: [1, 4, 2], variant: "-slim" }],
    ["v2", { major: "2", version: [2], variant: "" }],
    ["20-bookworm-slim", { major: "20", version: [20], variant: "-bookworm-slim" }],
    ["01.2", { major: "1", version: [1, 2], variant: "" }],
    ["latest", null],
    ["1.4rc1", null],
  ] as const)("%s", (tag, want) => {
    expect(trackOf(tag)).toEqual(want);
  });
});

describe("lessVulnerableTags", () => {
  const scanned = (tag: string, critical: number, high: number) => ({
    tag,
    summary: summary({ critical, high }),
    scan: scan(),
  });
  const current = { tag: "1.4.2-slim", summary: summary({ critical: 1, high: 3 }) };

  it("proposes tags with strictly fewer critical + high on the same track, fewest first, then newest", () => {
    const got = lessVulnerableTags(current, [
      scanned("1.4.2-slim", 0, 0), // itself
      scanned("1.5-slim", 0, 2),
      scanned("1.6-slim", 0, 2),
      scanned("1.7-slim", 0, 1),
      scanned("1.3-slim", 1, 3), // same count: not strictly fewer
      scanned("1.8", 0, 0), // other variant
      scanned("2.0-slim", 0, 0), // other major
      scanned("latest", 0, 0), // no track
    ]);
    expect(got.map((s) => s.tag)).toEqual(["1.7-slim", "1.6-slim", "1.5-slim"]);
  });

  it("proposes nothing for a tag without a version", () => {
    expect(lessVulnerableTags({ tag: "latest", summary: summary({ critical: 5 }) }, [scanned("1.0", 0, 0)])).toEqual(
      [],
    );
  });
});

describe("latestPerTag", () => {
  it("keeps the newest succeeded scan of each tag; digest scans and failures are left out", () => {
    const list = [
      scan({ id: "n", image: "h/ns/a:1.1", summary: summary({ high: 1 }) }),
      scan({ id: "o", image: "h/ns/a:1.1", summary: summary({ high: 9 }) }),
      scan({ id: "d", image: `h/ns/a@sha256:${"c".repeat(64)}` }),
      scan({ id: "f", image: "h/ns/a:1.2", status: "failed", summary: null }),
    ];
    expect(latestPerTag(list, tagOf).map((s) => [s.tag, s.scan.id])).toEqual([["1.1", "n"]]);
  });
});
