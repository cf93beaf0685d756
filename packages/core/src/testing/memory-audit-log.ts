import { DomainError } from "../errors/domain-error.js";
import type { AuditEntry } from "../model/audit.js";
import type { AuditLog } from "../ports/repositories.js";
import { constant } from "./memory-org-repository.js";

/** What an in-memory AuditLog holds: the entries in append order, with a sequence counter. */
export interface MemoryAuditState {
  rows: { seq: number; entry: AuditEntry }[];
  seq: number;
}

export function emptyAuditState(): MemoryAuditState {
  return { rows: [], seq: 0 };
}

/** An AuditLog that also lists every entry, oldest first (test handle). */
export type MemoryAuditLog = AuditLog & { entries(): AuditEntry[] };

/**
 * In-memory AuditLog for tests. Newest first by `at`, ties broken by insertion order (later first).
 * The cursor is opaque: the base64 of the last returned entry's sequence number. `state` gives the
 * current state on every call.
 */
export function createMemoryAuditLog(state: () => MemoryAuditState = constant(emptyAuditState())): MemoryAuditLog {
  const newestFirst = () =>
    [...state().rows].sort((a, b) => b.entry.at.getTime() - a.entry.at.getTime() || b.seq - a.seq);
  return {
    async append(entry) {
      const s = state();
      if (s.rows.some((r) => r.entry.id === entry.id)) {
        throw new DomainError("conflict", `An audit entry with id ${entry.id} already exists.`);
      }
      s.rows.push({ seq: ++s.seq, entry: structuredClone(entry) });
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
      return state().rows.map((r) => structuredClone(r.entry));
    },
  };
}

function atobSafe(value: string): string {
  try {
    return atob(value);
  } catch {
    // Not base64: reported as an unknown cursor by the caller.
    return "";
  }
}
