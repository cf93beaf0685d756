import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normalizeTarPath } from "./tar-path.js";
import { PROPERTY_SEED } from "./test-support/byte-mutations.js";

/** The definition: drop empty and "." segments, ".." pops (never above the root). */
function reference(name: string): string {
  const parts: string[] = [];
  for (const part of name.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") parts.pop();
    else parts.push(part);
  }
  return parts.join("/");
}

describe("normalizeTarPath", () => {
  it.each([
    ["usr/bin/x", "usr/bin/x"],
    ["./usr/bin/x", "usr/bin/x"],
    ["/usr/lib/", "usr/lib"],
    ["././etc//os-release", "etc/os-release"],
    [".", ""],
    ["/", ""],
    ["./", ""],
    ["a/./b/../c", "a/c"],
    ["../../etc/passwd", "etc/passwd"],
    [".hidden/.wh.x", ".hidden/.wh.x"],
    ["..a/b.", "..a/b."],
  ])("%s → %s", (name, expected) => {
    expect(normalizeTarPath(name)).toBe(expected);
  });

  it("matches the definition on arbitrary names (its fast path included)", () => {
    const name = fc
      .array(fc.constantFrom("a", "b", ".", "/", "..", "./", "x/"), { maxLength: 12 })
      .map((p) => p.join(""));
    fc.assert(
      fc.property(name, (n) => {
        expect(normalizeTarPath(n)).toBe(reference(n));
      }),
      { seed: PROPERTY_SEED, numRuns: 2000 },
    );
  });
});
