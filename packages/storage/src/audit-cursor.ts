import { DomainError } from "@regscan/core";

/** Where a page of the audit log ends: the (at, id) of its last entry, newest-first order. */
export interface AuditCursor {
  at: number;
  id: string;
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text: string): Uint8Array {
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** An opaque cursor string (base64url JSON). */
export function encodeAuditCursor(cursor: AuditCursor): string {
  return toBase64Url(new TextEncoder().encode(JSON.stringify([cursor.at, cursor.id])));
}

/** Parses a cursor from `encodeAuditCursor`; anything else is DomainError `validation_failed`. */
export function decodeAuditCursor(text: string): AuditCursor {
  try {
    if (!/^[A-Za-z0-9_-]+$/.test(text)) throw new Error("not base64url");
    const value: unknown = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(fromBase64Url(text)));
    if (Array.isArray(value) && value.length === 2 && Number.isSafeInteger(value[0]) && typeof value[1] === "string") {
      return { at: value[0] as number, id: value[1] };
    }
  } catch {
    // Falls through to the error below.
  }
  throw new DomainError(
    "validation_failed",
    "The cursor is not valid: pass the nextCursor of a previous page unchanged.",
    {
      field: "cursor",
    },
  );
}
