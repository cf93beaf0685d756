import { decodeCursor, encodeCursor } from "./keyset-cursor.js";

/** Where a page of the audit log ends: the (at, id) of its last entry, newest-first order. */
export interface AuditCursor {
  at: number;
  id: string;
}

/** An opaque cursor string (base64url JSON). */
export function encodeAuditCursor(cursor: AuditCursor): string {
  return encodeCursor([cursor.at, cursor.id]);
}

/** Parses a cursor from `encodeAuditCursor`; anything else is DomainError `validation_failed`. */
export function decodeAuditCursor(text: string): AuditCursor {
  const [at, id] = decodeCursor(text, ["n", "s"]) as [number, string];
  return { at, id };
}
