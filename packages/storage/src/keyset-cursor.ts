import { DomainError } from "@regscan/core";

/** A keyset cursor's values: where the previous page ended, in the listing's sort order. */
export type CursorValues = ReadonlyArray<string | number>;

function toBase64Url(bytes: Uint8Array): string {
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text: string): Uint8Array {
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** An opaque cursor (base64url JSON of the values). */
export function encodeCursor(values: CursorValues): string {
  return toBase64Url(new TextEncoder().encode(JSON.stringify(values)));
}

/**
 * Decodes a cursor of `shape` (`"s"` a string, `"n"` a safe integer per position); anything else
 * is DomainError `validation_failed`, never an internal error.
 */
export function decodeCursor(text: string, shape: ReadonlyArray<"s" | "n">): Array<string | number> {
  const invalid = () =>
    new DomainError("validation_failed", "The cursor is not valid: pass the nextCursor of a previous page unchanged.", {
      field: "cursor",
    });
  if (text.length > 2048 || !/^[A-Za-z0-9_-]+$/.test(text)) throw invalid();
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(fromBase64Url(text)));
  } catch {
    // Not base64url JSON: the same answer as any other malformed cursor.
    throw invalid();
  }
  if (!Array.isArray(value) || value.length !== shape.length) throw invalid();
  const ok = value.every((v, i) => (shape[i] === "s" ? typeof v === "string" : Number.isSafeInteger(v)));
  if (!ok) throw invalid();
  return value as Array<string | number>;
}
