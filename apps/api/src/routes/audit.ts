import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { listAuditLog } from "@regscan/core";
import type { AppDeps } from "../deps.js";
import type { AuthEnv } from "../http/auth.js";
import { AuditPageSchema, auditJson, PageQuery } from "../schemas/audit.js";
import { jsonContent, OrgParams, problems, TOKEN_PROBLEMS } from "../schemas/common.js";

const route = createRoute({
  method: "get",
  path: "/v1/orgs/{orgId}/audit-log",
  operationId: "listAuditLog",
  tags: ["Audit"],
  security: [{ bearerAuth: [] }],
  summary: "Audit trail of the organization, newest first (manage_integration)",
  description: "Who did what and when: credentials, tokens, projects, scans. Cursor pagination (`nextCursor`).",
  request: { params: OrgParams, query: PageQuery },
  responses: { 200: jsonContent(AuditPageSchema, "One page"), ...problems(400, 403, 404, ...TOKEN_PROBLEMS) },
});

export function auditRoutes(deps: AppDeps) {
  return new OpenAPIHono<AuthEnv>().openapi(route, async (c) => {
    const { limit, cursor } = c.req.valid("query");
    const page = await listAuditLog(deps.core, c.get("principal"), c.req.valid("param").orgId, { limit, cursor });
    return c.json({ items: page.items.map(auditJson), nextCursor: page.nextCursor }, 200);
  });
}
