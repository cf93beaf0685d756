import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { SCALAR_API_REFERENCE_VERSION } from "./scalar-version.js";

describe("SCALAR_API_REFERENCE_VERSION", () => {
  it("is the version of the installed @scalar/api-reference (the one Node serves)", () => {
    const dist = dirname(fileURLToPath(import.meta.resolve("@scalar/api-reference")));
    const { version } = JSON.parse(readFileSync(join(dist, "..", "package.json"), "utf8")) as { version: string };
    expect(SCALAR_API_REFERENCE_VERSION).toBe(version);
  });
});
