// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Dockerfile text, where ${VAR} is literal
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fromLines, platformDiffers } from "./from-lines.js";

const summary = (text: string) =>
  fromLines(text).map((l) =>
    l.kind === "image"
      ? { line: l.line, kind: l.kind, expanded: l.expanded, platform: l.platform }
      : l.kind === "unresolved"
        ? { line: l.line, kind: l.kind, variables: l.variables }
        : { line: l.line, kind: l.kind },
  );

describe("fromLines", () => {
  it.each([
    {
      name: "a plain image",
      text: "FROM rg.fr-par.scw.cloud/ns/api:1.2",
      want: [{ line: 0, kind: "image", expanded: "rg.fr-par.scw.cloud/ns/api:1.2", platform: null }],
    },
    { name: "scratch is skipped", text: "FROM scratch\nFROM SCRATCH", want: [] },
    {
      name: "an earlier stage's alias is skipped (any case), a later FROM is not",
      text: "FROM alpine:3 AS Build\nFROM build\nFROM BUILD AS x\nFROM x",
      want: [{ line: 0, kind: "image", expanded: "alpine:3", platform: null }],
    },
    {
      name: "global ARG defaults are substituted, ${VAR:-word} too",
      text: "ARG REG=rg.nl-ams.scw.cloud\nARG TAG=2\nFROM ${REG}/ns/api:$TAG\nFROM ${NOPE:-rg.nl-ams.scw.cloud}/ns/b",
      want: [
        { line: 2, kind: "image", expanded: "rg.nl-ams.scw.cloud/ns/api:2", platform: null },
        { line: 3, kind: "image", expanded: "rg.nl-ams.scw.cloud/ns/b", platform: null },
      ],
    },
    {
      name: "an ARG without default, or never declared, stays unresolved (and is named); ${X:+w} gives nothing",
      text: "ARG TAG\nFROM rg.fr-par.scw.cloud/ns/api:${TAG}\nFROM $HOST/ns/api\nFROM a/b${X:+-slim}",
      want: [
        { line: 1, kind: "unresolved", variables: ["TAG"] },
        { line: 2, kind: "unresolved", variables: ["HOST"] },
        { line: 3, kind: "image", expanded: "a/b", platform: null },
      ],
    },
    {
      name: "an ARG declared after FROM does not apply to FROM lines",
      text: "FROM alpine\nARG TAG=1\nFROM node:${TAG}",
      want: [
        { line: 0, kind: "image", expanded: "alpine", platform: null },
        { line: 2, kind: "unresolved", variables: ["TAG"] },
      ],
    },
    {
      name: "--platform is read and substituted; build-time platforms are said as such",
      text: "ARG P=linux/arm64\nFROM --platform=$P a/b\nFROM --platform=$BUILDPLATFORM c/d\nFROM --platform=LINUX/AMD64 e/f",
      want: [
        { line: 1, kind: "image", expanded: "a/b", platform: "linux/arm64" },
        { line: 2, kind: "image", expanded: "c/d", platform: "build-time" },
        { line: 3, kind: "image", expanded: "e/f", platform: "linux/amd64" },
      ],
    },
    { name: "not a reference", text: "FROM UPPER/Case:1", want: [{ line: 0, kind: "invalid" }] },
  ])("$name", ({ text, want }) => {
    expect(summary(text)).toEqual(want);
  });

  it("gives the range of the image token as written", () => {
    const [line] = fromLines("ARG R=h.io\n  FROM --platform=linux/amd64 ${R}/ns/api:1 AS x");
    expect(line?.range).toEqual({ start: { line: 1, character: 30 }, end: { line: 1, character: 43 } });
    expect(line?.written).toBe("${R}/ns/api:1");
  });

  it("never throws, whatever the text (fixed seed)", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        fromLines(`FROM ${text}\n${text}`);
      }),
      { seed: 11, numRuns: 300 },
    );
  });
});

describe("platformDiffers", () => {
  it.each([
    [null, false],
    ["build-time", false],
    ["linux/amd64", false],
    ["linux/arm64", true],
    ["windows/amd64", true],
  ] as const)("%s → %s", (platform, want) => {
    expect(platformDiffers(platform)).toBe(want);
  });
});
