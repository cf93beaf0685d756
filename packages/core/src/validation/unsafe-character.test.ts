import { describe, expect, it } from "vitest";
import { findUnsafeCharacter, formatCodePoint, unsafeTextProblem } from "./unsafe-character.js";

describe("findUnsafeCharacter", () => {
  it.each([
    { name: "NUL", text: "ab\u0000c", codePoint: 0x0000, position: 3, kind: /control/ },
    { name: "a terminal escape", text: "\u001b[31mred", codePoint: 0x001b, position: 1, kind: /control/ },
    { name: "a tab", text: "a\tb", codePoint: 0x0009, position: 2, kind: /control/ },
    { name: "DEL", text: "x\u007f", codePoint: 0x007f, position: 2, kind: /control/ },
    { name: "a C1 control (CSI)", text: "x\u009b2J", codePoint: 0x009b, position: 2, kind: /control/ },
    {
      name: "a right-to-left override",
      text: "inv\u202eexe.txt",
      codePoint: 0x202e,
      position: 4,
      kind: /bidirectional/,
    },
    { name: "a first-strong isolate", text: "\u2068x", codePoint: 0x2068, position: 1, kind: /bidirectional/ },
    { name: "a right-to-left mark", text: "a\u200fb", codePoint: 0x200f, position: 2, kind: /bidirectional/ },
    { name: "an Arabic letter mark", text: "a\u061c", codePoint: 0x061c, position: 2, kind: /bidirectional/ },
    { name: "a line separator", text: "a\u2028b", codePoint: 0x2028, position: 2, kind: /separator/ },
    { name: "an unpaired surrogate", text: "a\ud800b", codePoint: 0xd800, position: 2, kind: /surrogate/ },
    { name: "a byte order mark", text: "\ufeffname", codePoint: 0xfeff, position: 1, kind: /byte order/ },
    { name: "a noncharacter", text: "a\uffff", codePoint: 0xffff, position: 2, kind: /noncharacter/ },
    // Positions count characters, not UTF-16 units: the emoji before the escape is one character.
    { name: "a control after an emoji", text: "😀\u001b", codePoint: 0x001b, position: 2, kind: /control/ },
  ])("finds $name", ({ text, codePoint, position, kind }) => {
    const found = findUnsafeCharacter(text);
    expect(found).toMatchObject({ codePoint, position });
    expect(found?.kind).toMatch(kind);
  });

  it.each([
    { name: "plain ASCII", text: "platform-team 42" },
    { name: "accents and CJK", text: "équipe 開発" },
    { name: "an emoji with a zero-width joiner", text: "👩‍💻 team" },
    { name: "right-to-left script without overrides", text: "فريق" },
    { name: "a non-breaking space", text: "a\u00a0b" },
    { name: "empty", text: "" },
  ])("accepts $name", ({ text }) => {
    expect(findUnsafeCharacter(text)).toBeNull();
  });
});

describe("unsafeTextProblem", () => {
  it("names the code point and position but never echoes the text", () => {
    const text = "secret-value\u202e";
    const problem = unsafeTextProblem(text);
    expect(problem).toContain("U+202E");
    expect(problem).toContain("position 13");
    expect(problem).not.toContain("secret-value");
  });

  it.each([
    [0x1b, "U+001B"],
    [0x202e, "U+202E"],
    [0x1f600, "U+1F600"],
  ])("formats %i as %s", (codePoint, text) => {
    expect(formatCodePoint(codePoint)).toBe(text);
  });
});
