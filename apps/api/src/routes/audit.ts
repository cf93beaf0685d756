import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { listAuditLog } from "@regscan/core";
import type { AppDeps } from "../deps.js";
import type { AuthEnv } from "../http/auth.js";
import { AuditPageSchema, auditJson, PageQuery } from "../schemas/audit.js";
import { jsonContent, OrgParams, problems } from "../schemas/common.js";

const route = createRoute({
  method: "get",
  path: "/v1/orgs/{orgId}/audit-log",
  tags: ["Audit"],
  security: [{ bearerAuth: [] }],
  summary: "Audit trail of the organization, newest first (manage_integration)",
  request: { params: OrgParams, query: PageQuery },
  responses: { 200: jsonContent(AuditPageSchema, "One page"), ...problems(403, 404) },
});

export function auditRoutes(deps: AppDeps) {
  return new OpenAPIHono<AuthEnv>().openapi(route, async (c) => {
    const { limit, cursor } = c.req.valid("query");
    const page = await listAuditLog(deps.core, c.get("principal"), c.req.valid("param").orgId, { limit, cursor });
    return c.json({ items: page.items.map(auditJson), nextCursor: page.nextCursor }, 200);
  });
}
