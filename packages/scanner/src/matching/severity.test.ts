import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { OsvRecord } from "../advisories/osv-record.js";
import { rateRecord, scoreCvss, severityOfScore, severityOfWord } from "./severity.js";

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
    { vector: "AV:N/AC:L/Au:N/C:P/I:P/A:P", result: null },
    { vector: "CVSS:3.1/garbage", result: null },
    { vector: "", result: null },
  ])("$vector", ({ vector, result }) => {
    const scored = scoreCvss(vector);
    if (result === null) expect(scored).toBeNull();
    else expect(scored).toEqual({ ...result, vector });
  });
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
