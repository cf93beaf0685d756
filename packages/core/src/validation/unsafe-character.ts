/**
 * Characters refused in names and descriptions: they are invisible or change how the text around
 * them is shown (terminal escapes, bidirectional overrides that reorder a name in a listing), or are
 * not characters at all (unpaired surrogates from a JSON `\ud800` escape).
 */
const UNSAFE_RANGES: readonly { from: number; to: number; kind: string }[] = [
  { from: 0x0000, to: 0x001f, kind: "a control character" },
  { from: 0x007f, to: 0x009f, kind: "a control character" },
  { from: 0x061c, to: 0x061c, kind: "a bidirectional formatting character" },
  { from: 0x200e, to: 0x200f, kind: "a bidirectional formatting character" },
  { from: 0x2028, to: 0x2029, kind: "a line or paragraph separator" },
  { from: 0x202a, to: 0x202e, kind: "a bidirectional formatting character" },
  { from: 0x2066, to: 0x2069, kind: "a bidirectional formatting character" },
  { from: 0xd800, to: 0xdfff, kind: "an unpaired surrogate (not a character)" },
  { from: 0xfeff, to: 0xfeff, kind: "a byte order mark" },
  { from: 0xfffe, to: 0xffff, kind: "a noncharacter" },
];

/** The first refused character of a text: its code point, 1-based position (in characters) and kind. */
export interface UnsafeCharacter {
  codePoint: number;
  position: number;
  kind: string;
}

/** The first character of `text` that names and descriptions must not contain, or null. */
export function findUnsafeCharacter(text: string): UnsafeCharacter | null {
  let position = 0;
  for (const char of text) {
    position++;
    const codePoint = char.codePointAt(0) ?? 0;
    const range = UNSAFE_RANGES.find((r) => codePoint >= r.from && codePoint <= r.to);
    if (range) return { codePoint, position, kind: range.kind };
  }
  return null;
}

/** `U+001B` */
export function formatCodePoint(codePoint: number): string {
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, "0")}`;
}

/**
 * Why `text` is refused as a name or description, or null. Says which character and where, never
 * the text itself (a secret pasted into the wrong field must not reach an error message).
 */
export function unsafeTextProblem(text: string): string | null {
  const found = findUnsafeCharacter(text);
  if (!found) return null;
  return (
    `Must not contain control, bidirectional formatting or other invisible characters: found ` +
    `${formatCodePoint(found.codePoint)} (${found.kind}) at position ${found.position}. Remove it.`
  );
}
