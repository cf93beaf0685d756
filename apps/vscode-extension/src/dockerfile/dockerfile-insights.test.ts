// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Dockerfile text, where ${VAR} is literal
import { describe, expect, it } from "vitest";
import type { Scan } from "../api/api-types.js";
import { finding, NOW, scan, summary } from "../test-support/fixtures.js";
import type { FromAssessment } from "./assess-from-lines.js";
import { diagnosticFor, hoverMarkdown, lensFor, pinFix, switchFixes } from "./dockerfile-insights.js";
import { fromLines } from "./from-lines.js";

const D = `sha256:${"b".repeat(64)}`;

function scannable(text: string, lastScan: Scan | null, running: Scan | null = null): FromAssessment {
  const line = fromLines(text)[0];
  if (line?.kind !== "image") throw new Error("not an image line");
  const ref = line.reference;
  const reference = ref.digest
    ? `${ref.host}/${ref.path}@${ref.digest}`
    : `${ref.host}/${ref.path}:${ref.tag ?? "latest"}`;
  return {
    kind: "scannable",
    line,
    reference,
    repository: `${ref.host}/${ref.path}`,
    credentialId: "c1",
    lastScan,
    running,
  };
}

describe("CodeLens", () => {
  it.each([
    {
      name: "not scanned",
      a: () => scannable("FROM h.io/ns/api:1.0", null),
      title: "Scan image",
      command: "regscan.dockerfile.scanImage",
    },
    {
      name: "scanned",
      a: () => scannable("FROM h.io/ns/api:1.0", scan()),
      title: "1 critical, 3 high · scanned 2 h ago · Rescan",
      command: "regscan.dockerfile.scanImage",
    },
    {
      name: "scanning",
      a: () =>
        scannable(
          "FROM h.io/ns/api:1.0",
          null,
          scan({
            status: "running",
            progress: { phase: "matching", layersDone: 1, layersTotal: 1, bytesDone: 1, bytesTotal: 1 },
          }),
        ),
      title: "Scanning… Matching advisories",
      command: "",
    },
  ])("$name", ({ a, title, command }) => {
    const lens = lensFor(a(), NOW);
    expect(lens).toMatchObject({ title, command });
    if (command) expect(lens.args).toEqual([{ credentialId: "c1", reference: "h.io/ns/api:1.0" }]);
  });

  it("says why a line cannot be scanned", () => {
    const line = fromLines("FROM alpine")[0]!;
    expect(lensFor({ kind: "unscannable", line, reason: "Cannot scan: because." })).toEqual({
      title: "Cannot scan: because.",
      command: "",
      args: [],
    });
  });
});

describe("diagnostic", () => {
  it.each([
    {
      name: "critical → error",
      s: summary({ critical: 1, high: 3 }),
      min: "HIGH",
      want: { level: "error", code: "1 critical, 3 high" },
    },
    {
      name: "high → warning",
      s: summary({ high: 2, low: 5 }),
      min: "HIGH",
      want: { level: "warning", code: "2 high" },
    },
    {
      name: "medium when asked",
      s: summary({ medium: 2 }),
      min: "MEDIUM",
      want: { level: "information", code: "2 medium" },
    },
    { name: "below the minimum: none", s: summary({ medium: 2, low: 1 }), min: "HIGH", want: null },
    { name: "clean: none", s: summary(), min: "UNKNOWN", want: null },
  ] as const)("$name", ({ s, min, want }) => {
    const d = diagnosticFor(scannable("FROM h.io/ns/api:1.0", scan({ summary: s })), min, NOW);
    if (want === null) expect(d).toBeNull();
    else
      expect(d).toMatchObject({
        ...want,
        scanId: "scan-1",
        range: { start: { line: 0, character: 5 }, end: { line: 0, character: 20 } },
      });
  });

  it("none before a scan", () => {
    expect(diagnosticFor(scannable("FROM h.io/ns/api:1.0", null), "LOW")).toBeNull();
  });
});

describe("quick fixes", () => {
  it("pins the reference as written to the scanned digest", () => {
    const a = scannable("ARG R=h.io\nFROM ${R}/ns/api:1.0 AS x", scan({ digest: D }));
    expect(pinFix(a)).toMatchObject({ newText: `\${R}/ns/api:1.0@${D}`, title: "Pin to digest sha256:bbbbbbbbbbbb…" });
    expect(pinFix(scannable(`FROM h.io/ns/api:1.0@${D}`, scan()))).toBeNull();
  });

  it("switches a literal tag to less vulnerable tags of the same track, best first", () => {
    const a = scannable("FROM h.io/ns/api:1.0", scan({ summary: summary({ critical: 1, high: 1 }) }));
    const tags = [
      { tag: "1.1", summary: summary({ critical: 1 }), scan: scan() },
      { tag: "1.2", summary: summary(), scan: scan() },
      { tag: "2.0", summary: summary(), scan: scan() },
    ];
    expect(switchFixes(a, tags).map((f) => [f.title, f.newText, f.preferred])).toEqual([
      ["Switch to 1.2 (0 critical, 0 high)", "h.io/ns/api:1.2", true],
      ["Switch to 1.1 (1 critical, 0 high)", "h.io/ns/api:1.1", false],
    ]);
  });

  it("leaves a tag that comes from an ARG to the ARG", () => {
    const a = scannable("ARG T=1.0\nFROM h.io/ns/api:${T}", scan());
    expect(switchFixes(a, [{ tag: "1.2", summary: summary(), scan: scan() }])).toEqual([]);
  });
});

describe("hover", () => {
  it("has the counts, digest, time and top findings, with the API's text escaped", () => {
    const md = hoverMarkdown(
      scannable("FROM h.io/ns/api:1.0", scan({ digest: D })),
      [finding({ packageName: "evil*[x](javascript:alert(1))" })],
      NOW,
    );
    expect(md).toContain("**1 critical, 3 high**");
    expect(md).toContain(`Digest: \`${D}\``);
    expect(md).toContain("Scanned 2 h ago");
    expect(md).toContain("[CVE\\-2099\\-0001](https://osv.dev/vulnerability/CVE-2099-0001)");
    expect(md).toContain("evil\\*\\[x\\]\\(javascript:alert\\(1\\)\\)");
    expect(md).not.toContain("[x](javascript");
  });
});
