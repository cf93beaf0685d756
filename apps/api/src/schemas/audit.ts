import { z } from "@hono/zod-openapi";
import { AUDIT_ACTIONS, type AuditEntry } from "@regscan/core";
import { iso, Timestamp } from "./common.js";

export const AuditEntrySchema = z
  .object({
    id: z.string(),
    orgId: z.string(),
    actorId: z.string(),
    action: z.enum(AUDIT_ACTIONS),
    targetType: z.string(),
    targetId: z.string(),
    at: Timestamp,
    metadata: z.record(z.string(), z.unknown()),
  })
  .openapi("AuditEntry");

export const AuditPageSchema = z
  .object({ items: z.array(AuditEntrySchema), nextCursor: z.string().nullable() })
  .openapi("AuditPage");

export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50).openapi({ description: "1..100, default 50" }),
  cursor: z.string().max(500).optional().openapi({ description: "`nextCursor` of the previous page" }),
});

export const auditJson = (e: AuditEntry) => ({ ...e, at: iso(e.at) });
