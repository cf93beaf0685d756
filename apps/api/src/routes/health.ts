import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { DomainError } from "@regscan/core";
import type { AppDeps } from "../deps.js";
import { jsonContent, ProblemSchema } from "../schemas/common.js";

const HealthSchema = z.object({ status: z.literal("ok") }).openapi("Health");
const ReadySchema = z
  .object({ status: z.literal("ready"), checks: z.object({ database: z.literal("ok") }) })
  .openapi("Ready");

const health = createRoute({
  method: "get",
  path: "/v1/health",
  tags: ["Health"],
  summary: "Liveness: the process answers (no authentication; does not touch the database)",
  responses: { 200: jsonContent(HealthSchema, "The API is up") },
});

const ready = createRoute({
  method: "get",
  path: "/v1/ready",
  tags: ["Health"],
  summary: "Readiness: the database answers a read within 2 s (no authentication)",
  responses: {
    200: jsonContent(ReadySchema, "Ready to serve requests"),
    503: {
      description: "Not ready: the database cannot be read (the problem's detail says why)",
      content: { "application/problem+json": { schema: ProblemSchema } },
    },
  },
});

export function healthRoutes() {
  return new OpenAPIHono().openapi(health, (c) => c.json({ status: "ok" as const }, 200));
}

export function readyRoutes(deps: AppDeps) {
  return new OpenAPIHono().openapi(ready, async (c) => {
    const result = await deps.ready();
    if (!result.ok) {
      throw new DomainError("service_unavailable", `Not ready: ${result.reason}`, {
        check: "database",
        ...(result.code ? { databaseCode: result.code } : {}),
      });
    }
    return c.json({ status: "ready" as const, checks: { database: "ok" as const } }, 200);
  });
}
