import { DomainError, ERROR_CODES } from "@regscan/core";
import { describe, expect, it } from "vitest";
import { EXIT, exitCodeFor } from "./exit-codes.js";
import { createProgressLine } from "./progress-line.js";

describe("exitCodeFor", () => {
  it.each([
    ["scan_failed", EXIT.image],
    ["image_not_found", EXIT.image],
    ["credential_invalid", EXIT.image],
    ["validation_failed", EXIT.usage],
    ["internal", EXIT.failure],
  ] as const)("maps %s to %i", (code, exit) => {
    expect(exitCodeFor(new DomainError(code, "m"))).toBe(exit);
  });

  it("maps every error code and non-domain errors", () => {
    for (const code of ERROR_CODES) expect([1, 2, 3]).toContain(exitCodeFor(new DomainError(code, "m")));
    expect(exitCodeFor(new Error("bug"))).toBe(EXIT.failure);
  });
});

describe("createProgressLine", () => {
  const progress = (layersDone: number, bytesDone: number) => ({
    layersDone,
    layersTotal: 2,
    bytesDone,
    bytesTotal: 2048,
  });

  it("redraws at most every interval, always at the end, and clears the line", () => {
    let written = "";
    let clock = 0;
    const line = createProgressLine({ write: (s) => void (written += s) }, true, 100, () => clock);
    line.update(progress(0, 0));
    clock = 50;
    line.update(progress(0, 1024));
    clock = 60;
    line.update(progress(2, 2048));
    line.done();
    expect(written.split("\r\u001b[K")).toEqual([
      "",
      "layers 0/2 · 0 B / 2.0 KiB",
      "layers 2/2 · 2.0 KiB / 2.0 KiB",
      "",
    ]);
  });

  it("writes nothing when disabled", () => {
    let written = "";
    const line = createProgressLine({ write: (s) => void (written += s) }, false);
    line.update(progress(1, 1));
    line.done();
    expect(written).toBe("");
  });
});
