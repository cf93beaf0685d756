import { z } from "zod";
import type { CoreDeps } from "../deps.js";
import type { AuditEntry } from "../model/audit.js";
import type { Principal } from "../model/principal.js";
import { requireAllowed } from "../policy/require-allowed.js";
import type { Page } from "../ports/repositories.js";
import { parseInput } from "../validation/parse-input.js";

const pageSchema = z.strictObject({
  limit: z
    .number()
    .int("limit must be a whole number.")
    .min(1, "limit must be at least 1.")
    .max(100, "limit must be at most 100.")
    .default(50),
  cursor: z.string().min(1, "cursor must not be empty.").optional(),
});

/** The organization's audit trail, newest first, cursor-paginated (`manage_integration`). */
export async function listAuditLog(
  deps: CoreDeps,
  principal: Principal,
  orgId: string,
  page: { limit?: number | undefined; cursor?: string | undefined },
): Promise<Page<AuditEntry>> {
  requireAllowed(principal, "audit.read", { orgId });
  const { limit, cursor } = parseInput(pageSchema, page, "The page request");
  return deps.audit.list(orgId, { limit, cursor });
}
