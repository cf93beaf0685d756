import { type AuditEntry, type AuditLog, DomainError } from "@regscan/core";
import { and, desc, eq, lt, or } from "drizzle-orm";
import { decodeAuditCursor, encodeAuditCursor } from "./audit-cursor.js";
import type { LibsqlExecutor } from "./database.js";
import { translateDatabaseErrors } from "./database-errors.js";
import { auditLog } from "./schema.js";

/**
 * {@link AuditLog} over libSQL: the append-only `audit_log` table. Pages are newest first, ordered
 * by (at, id) descending with a keyset cursor, so entries appended while paging never shift a page.
 */
export function createLibsqlAuditLog(db: LibsqlExecutor): AuditLog {
  return {
    async append(entry: AuditEntry) {
      await translateDatabaseErrors(() => db.insert(auditLog).values(entry), {
        conflict: "An audit entry with that id already exists.",
      });
    },

    async list(orgId, page) {
      if (!Number.isInteger(page.limit) || page.limit < 1 || page.limit > 100) {
        throw new DomainError("validation_failed", "The page limit must be an integer from 1 to 100.", {
          field: "limit",
        });
      }
      const after = page.cursor === undefined ? undefined : decodeAuditCursor(page.cursor);
      const older =
        after &&
        or(lt(auditLog.at, new Date(after.at)), and(eq(auditLog.at, new Date(after.at)), lt(auditLog.id, after.id)));
      const rows = await translateDatabaseErrors(() =>
        db
          .select()
          .from(auditLog)
          .where(and(eq(auditLog.orgId, orgId), older))
          .orderBy(desc(auditLog.at), desc(auditLog.id))
          .limit(page.limit + 1),
      );
      const items = rows.slice(0, page.limit);
      const last = items[items.length - 1];
      const nextCursor =
        rows.length > page.limit && last ? encodeAuditCursor({ at: last.at.getTime(), id: last.id }) : null;
      return { items, nextCursor };
    },
  };
}
