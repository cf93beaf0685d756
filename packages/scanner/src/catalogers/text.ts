/** Small text helpers shared by catalogers: lenient decoding and line / paragraph splitting. */

const decoder = new TextDecoder("utf-8", { fatal: false, ignoreBOM: false });

/** Decodes UTF-8 leniently (invalid bytes become U+FFFD): a junk file never throws. */
export function decodeText(data: Uint8Array): string {
  return decoder.decode(data);
}

/** Yields lines without their terminator; handles LF, CRLF and a missing final newline. */
export function* lines(text: string): Generator<string> {
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf("\n", start);
    if (end === -1) end = text.length;
    const line = text.charCodeAt(end - 1) === 13 ? text.slice(start, end - 1) : text.slice(start, end);
    yield line;
    start = end + 1;
  }
}

/** Yields groups of consecutive non-blank lines (deb822 stanzas, apk database entries). */
export function* paragraphs(text: string): Generator<string[]> {
  let current: string[] = [];
  for (const line of lines(text)) {
    if (line.trim() === "") {
      if (current.length > 0) yield current;
      current = [];
    } else {
      current.push(line);
    }
  }
  if (current.length > 0) yield current;
}

/**
 * Parses RFC 822-style header lines ("Key: value" with indented continuation lines) into a map
 * with lowercase keys. The first occurrence of a key wins. Used for deb822 and Python metadata.
 */
export function headerFields(block: Iterable<string>): Map<string, string> {
  const fields = new Map<string, string>();
  let lastKey: string | undefined;
  for (const line of block) {
    if ((line.startsWith(" ") || line.startsWith("\t")) && lastKey !== undefined) {
      fields.set(lastKey, `${fields.get(lastKey) ?? ""}\n${line.trim()}`);
      continue;
    }
    const colon = line.indexOf(":");
    if (colon <= 0) {
      lastKey = undefined;
      continue;
    }
    const key = line.slice(0, colon).trim().toLowerCase();
    if (fields.has(key)) {
      lastKey = undefined;
      continue;
    }
    fields.set(key, line.slice(colon + 1).trim());
    lastKey = key;
  }
  return fields;
}

/** Leading "/" removed; the walk's FileView paths are relative. */
export function relativePath(path: string): string {
  let p = path;
  while (p.startsWith("/")) p = p.slice(1);
  while (p.startsWith("./")) p = p.slice(2);
  return p;
}

/** Directory part of a relative path ("" at the top). */
export function dirname(path: string): string {
  const i = path.lastIndexOf("/");
  return i === -1 ? "" : path.slice(0, i);
}
