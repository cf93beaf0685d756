import { describe, expect, it } from "vitest";
import { summary } from "../test-support/fixtures.js";
import { countFrom, countsInWords, highestSeverity } from "./counts.js";
import { progressPercent, progressText } from "./scan-progress.js";
import { ago, bytes } from "./time-and-size.js";

describe("counts in words", () => {
  it.each([
    { s: summary({ critical: 2, high: 5 }), min: undefined, want: "2 critical, 5 high" },
    {
      s: summary({ critical: 1, medium: 4, unknown: 1 }),
      min: undefined,
      want: "1 critical, 4 medium, 1 of unknown severity",
    },
    { s: summary(), min: undefined, want: "no vulnerabilities" },
    { s: summary({ medium: 3, low: 2 }), min: "HIGH", want: "nothing at high or above" },
    { s: summary({ critical: 1, high: 2, low: 9 }), min: "HIGH", want: "1 critical, 2 high" },
  ] as const)("$want", ({ s, min, want }) => {
    expect(countsInWords(s, min)).toBe(want);
  });

  it("counts and ranks from a minimum", () => {
    expect(countFrom(summary({ critical: 1, high: 2, medium: 3 }), "HIGH")).toBe(3);
    expect(highestSeverity(summary({ medium: 1 }), "HIGH")).toBeNull();
    expect(highestSeverity(summary({ high: 1, low: 1 }))).toBe("HIGH");
  });
});

describe("ages and sizes", () => {
  const now = new Date("2026-06-01T12:00:00Z");
  it.each([
    ["2026-06-01T11:59:40Z", "just now"],
    ["2026-06-01T11:55:00Z", "5 min ago"],
    ["2026-06-01T10:00:00Z", "2 h ago"],
    ["2026-05-31T11:00:00Z", "1 day ago"],
    ["2026-03-01T12:00:00Z", "3 months ago"],
    ["2024-05-01T12:00:00Z", "2 years ago"],
    ["not a date", "at an unknown time"],
  ])("%s → %s", (then, want) => {
    expect(ago(then, now)).toBe(want);
  });

  it.each([
    [812, "812 B"],
    [51_204_437, "51.2 MB"],
    [1_500_000_000_000, "1.5 TB"],
    [-1, "? B"],
  ])("%d bytes → %s", (n, want) => {
    expect(bytes(n)).toBe(want);
  });
});

describe("scan progress", () => {
  it("says the phase, and layers and bytes while pulling", () => {
    const p = {
      phase: "pulling",
      layersDone: 2,
      layersTotal: 5,
      bytesDone: 12_300_000,
      bytesTotal: 51_200_000,
    } as const;
    expect(progressText(p)).toBe("Reading layers: 2 of 5 layers, 12.3 MB of 51.2 MB");
    expect(progressPercent(p)).toBe(25);
    expect(progressText({ ...p, phase: "matching" })).toBe("Matching advisories");
    expect(progressPercent({ ...p, phase: "done" })).toBe(100);
  });
});
