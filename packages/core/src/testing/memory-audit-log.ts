import { DomainError } from "../errors/domain-error.js";
import type { AuditEntry } from "../model/audit.js";
import type { AuditLog } from "../ports/repositories.js";

/**
 * In-memory AuditLog for tests. Newest first by `at`, ties broken by insertion order (later first).
 * The cursor is opaque: the base64 of the last returned entry's sequence number.
 */
export function createMemoryAuditLog(): AuditLog & { entries(): AuditEntry[] } {
  const rows: { seq: number; entry: AuditEntry }[] = [];
  let seq = 0;
  const newestFirst = () => [...rows].sort((a, b) => b.entry.at.getTime() - a.entry.at.getTime() || b.seq - a.seq);
  return {
    async append(entry) {
      if (rows.some((r) => r.entry.id === entry.id)) {
        throw new DomainError("conflict", `An audit entry with id ${entry.id} already exists.`);
      }
      rows.push({ seq: ++seq, entry: structuredClone(entry) });
    },
    async list(orgId, page) {
      const ordered = newestFirst().filter((r) => r.entry.orgId === orgId);
      let start = 0;
      if (page.cursor !== undefined) {
        const after = Number.parseInt(atobSafe(page.cursor), 10);
        const index = ordered.findIndex((r) => r.seq === after);
        if (!Number.isInteger(after) || index < 0) {
          throw new DomainError(
            "validation_failed",
            "The cursor is invalid or expired: start again from the first page.",
            {
              fields: [{ path: "cursor", message: "Unknown cursor." }],
            },
          );
        }
        start = index + 1;
      }
      const slice = ordered.slice(start, start + page.limit);
      const last = slice.at(-1);
      const more = start + page.limit < ordered.length;
      return {
        items: slice.map((r) => structuredClone(r.entry)),
        nextCursor: more && last ? btoa(String(last.seq)) : null,
      };
    },
    entries() {
      return rows.map((r) => structuredClone(r.entry));
    },
  };
}

function atobSafe(value: string): string {
  try {
    return atob(value);
  } catch {
    return "";
  }
}
