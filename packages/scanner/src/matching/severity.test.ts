import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { build } from "esbuild";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { OsvRecord } from "../advisories/osv-record.js";
import { rateRecord, resolveCvssLibrary, scoreCvss, severityOfScore, severityOfWord } from "./severity.js";

const fixture = (id: string) =>
  JSON.parse(readFileSync(join(import.meta.dirname, "../../test/fixtures/osv", `${id}.json`), "utf8")) as OsvRecord;

describe("scoreCvss", () => {
  it.each([
    { vector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", result: { version: "3.1", score: 9.8 } },
    { vector: "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:C/C:H/I:N/A:N", result: { version: "3.1", score: 6.8 } },
    { vector: "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H", result: { version: "3.0", score: 7.5 } },
    {
      vector: "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N",
      result: { version: "4.0", score: 9.3 },
    },
    {
      vector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:U/RL:O/RC:C",
      result: { version: "3.1", score: 9.8 },
    },
    { vector: "AV:N/AC:L/Au:N/C:P/I:P/A:P", result: null },
    { vector: "CVSS:2.0/AV:N/AC:L/Au:N/C:P/I:P/A:P", result: null },
    { vector: "CVSS:3.1/garbage", result: null },
    { vector: "CVSS:3.1/AV:N", result: null },
    { vector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/", result: null },
    { vector: "CVSS:3.1/AV:N/AV:L/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", result: null },
    { vector: "CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", result: null },
    { vector: "CVSS:3.1/AV:n/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", result: null },
    { vector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/FOO:B", result: null },
    { vector: "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N", result: null },
    { vector: "CVSS:4.0/AV:X/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", result: null },
    { vector: "", result: null },
  ])("$vector", ({ vector, result }) => {
    const scored = scoreCvss(vector);
    if (result === null) expect(scored).toBeNull();
    else expect(scored).toEqual({ ...result, vector });
  });
});

describe("scoreCvss on arbitrary vectors of real metric names and values", () => {
  const BASE = {
    "3.1": "AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
    "4.0": "AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N",
  } as const;
  const NAMES = [
    ...new Set([...BASE["3.1"].split("/"), ...BASE["4.0"].split("/")].map((p) => p.split(":")[0]!)),
    ...["E", "RL", "RC", "CR", "IR", "AR", "MAV", "MAC", "MAT", "MPR", "MS", "MVC", "AU", "R", "V", "RE", "U", "ZZ"],
  ];
  const VALUES = ["N", "A", "L", "P", "H", "U", "C", "R", "X", "F", "O", "T", "D", "Y", "Clear", "Amber", "Q"];
  it.each(Object.keys(BASE) as Array<keyof typeof BASE>)(
    "CVSS:%s: a score in [0, 10] or null, never a throw",
    (version) => {
      const pairs = fc.uniqueArray(fc.tuple(fc.constantFrom(...NAMES), fc.constantFrom(...VALUES)), {
        selector: ([name]) => name,
        maxLength: 20,
      });
      fc.assert(
        fc.property(pairs, fc.boolean(), (extra, withBase) => {
          const base = withBase ? BASE[version].split("/") : [];
          const names = new Set(base.map((p) => p.split(":")[0]));
          const rest = extra.filter(([name]) => !names.has(name)).map(([name, value]) => `${name}:${value}`);
          const scored = scoreCvss(`CVSS:${version}/${[...base, ...rest].join("/")}`);
          return scored === null || (scored.score >= 0 && scored.score <= 10);
        }),
        { seed: 8, numRuns: 3000 },
      );
    },
  );
});

describe("resolveCvssLibrary", () => {
  const classes = { Cvss3P0: class {}, Cvss3P1: class {}, Cvss4P0: class {} };
  it.each([
    { loader: "Node's ESM loader (module.exports as default)", ns: { default: classes, CvssCalculator: undefined } },
    { loader: "esbuild / Vite interop (classes on the namespace)", ns: { ...classes, default: undefined } },
    { loader: "the UMD's global branch", ns: { CvssCalculator: classes } },
  ])("finds the classes under $loader", ({ ns }) => {
    expect(resolveCvssLibrary(ns).Cvss3P1).toBe(classes.Cvss3P1);
  });
  it("refuses a module without them", () => {
    expect(() => resolveCvssLibrary({ default: { Cvss3P1: class {} }, CvssCalculator: undefined })).toThrow(
      /ae-cvss-calculator: no Cvss3P0\/Cvss3P1\/Cvss4P0 classes .*keys: default, CvssCalculator/,
    );
  });
});

describe("scoreCvss under Node's own ESM loader (not vitest's)", () => {
  it("scores the vectors the package loaded by Node gives", async () => {
    // severity.ts bundled alone, with ae-cvss-calculator left to Node's loader (as under tsx or
    // an unbundled server); vitest's interop would hide a namespace that lacks the classes.
    const dir = await mkdtemp(join(tmpdir(), "regscan-cvss-"));
    try {
      const library = createRequire(import.meta.url).resolve("ae-cvss-calculator");
      const entry = join(dir, "entry.mjs");
      await build({
        stdin: {
          contents: `import { scoreCvss } from ${JSON.stringify(join(import.meta.dirname, "severity.ts"))};
            console.log(JSON.stringify(process.argv.slice(2).map(scoreCvss)));`,
          resolveDir: import.meta.dirname,
          loader: "ts",
        },
        outfile: entry,
        bundle: true,
        platform: "node",
        format: "esm",
        logLevel: "silent",
        plugins: [
          {
            name: "node-loads-cvss",
            setup: (b) => b.onResolve({ filter: /^ae-cvss-calculator$/ }, () => ({ path: library, external: true })),
          },
        ],
      });
      const vectors = ["CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "CVSS:3.1/garbage"];
      const { stdout } = await promisify(execFile)(process.execPath, [entry, ...vectors]);
      expect(JSON.parse(stdout)).toEqual([{ version: "3.1", vector: vectors[0], score: 9.8 }, null]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 30_000);
});

describe("severity words and scores", () => {
  it.each([
    [9.0, "CRITICAL"],
    [8.9, "HIGH"],
    [7.0, "HIGH"],
    [4.0, "MEDIUM"],
    [3.9, "LOW"],
    [0, "LOW"],
  ])("score %s → %s", (score, severity) => expect(severityOfScore(score)).toBe(severity));
  it.each([
    ["unimportant", "LOW"],
    ["low*", "LOW"],
    ["MODERATE", "MEDIUM"],
    ["high", "HIGH"],
    ["critical", "CRITICAL"],
    ["negligible", "LOW"],
    ["not yet assigned", null],
    ["untriaged", null],
    [42, null],
  ])("word %s → %s", (word, severity) => expect(severityOfWord(word)).toBe(severity));
});

describe("rateRecord", () => {
  it.each([
    { id: "GHSA-r9p9-mrjm-926w", severity: "MEDIUM", score: 6.8 },
    { id: "UBUNTU-CVE-2023-38545", severity: "CRITICAL", score: 9.8 },
    { id: "UBUNTU-CVE-2001-1593", severity: "LOW", score: undefined },
    { id: "ALPINE-CVE-2025-26519", severity: "HIGH", score: 7 },
    { id: "GHSA-j8r2-6x86-q33q", severity: "MEDIUM", score: 6.1 },
    { id: "DEBIAN-CVE-2023-38545", severity: "HIGH", score: undefined },
    { id: "PYSEC-2023-74", severity: "UNKNOWN", score: undefined },
    { id: "DSA-3029-1", severity: "UNKNOWN", score: undefined },
    { id: "DSA-1819-1", severity: "UNKNOWN", score: undefined },
  ])("$id → $severity", ({ id, severity, score }) => {
    const record = fixture(id);
    const rating = rateRecord(record, record.affected ?? []);
    expect(rating.severity).toBe(severity);
    expect(rating.cvss?.score).toBe(score);
  });

  it("falls back to the database rating when the vector cannot be scored", () => {
    const record = { ...fixture("GHSA-r9p9-mrjm-926w"), severity: [{ type: "CVSS_V3", score: "CVSS:3.1/bad" }] };
    expect(rateRecord(record, record.affected ?? [])).toEqual({ severity: "MEDIUM" });
  });

  it("reads the urgency of the matched entry only (synthetic DEBIAN-CVE record)", () => {
    const record = fixture("DEBIAN-CVE-2023-38545");
    const entry = { ...record.affected![0]!, ecosystem_specific: { urgency: "unimportant" } };
    expect(rateRecord(record, [entry])).toEqual({ severity: "LOW" });
  });
});
