import type { CoreDeps } from "../deps.js";
import type { AuditAction, AuditEntry } from "../model/audit.js";

/** Appends one audit entry stamped with a new id and the current time. Never pass a secret. */
export async function recordAudit(
  deps: Pick<CoreDeps, "audit" | "clock" | "ids">,
  entry: {
    orgId: string;
    actorId: string;
    action: AuditAction;
    targetType: string;
    targetId: string;
    metadata?: Record<string, unknown>;
  },
): Promise<AuditEntry> {
  const full: AuditEntry = { id: deps.ids.next(), at: deps.clock.now(), metadata: {}, ...entry };
  await deps.audit.append(full);
  return full;
}
