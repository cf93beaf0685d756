import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { DomainError } from "@regscan/core";
import type { AppDeps } from "../deps.js";
import { jsonContent, problems } from "../schemas/common.js";

const HealthSchema = z.object({ status: z.literal("ok") }).openapi("Health");
const ReadySchema = z
  .object({ status: z.literal("ready"), checks: z.object({ database: z.literal("ok") }) })
  .openapi("Ready");

const health = createRoute({
  method: "get",
  path: "/v1/health",
  operationId: "getHealth",
  tags: ["Health"],
  security: [],
  summary: "Liveness: the process answers",
  description:
    "For a liveness probe: needs no token and does not touch the database. Counted against the caller's address by the rate limit.",
  responses: { 200: jsonContent(HealthSchema, "The API is up"), ...problems(429) },
});

const ready = createRoute({
  method: "get",
  path: "/v1/ready",
  operationId: "getReadiness",
  tags: ["Health"],
  security: [],
  summary: "Readiness: the database answers a read within 2 s",
  description:
    "For a readiness probe: needs no token; 503 `service_unavailable` (its detail says why) when the database file is not the one opened or does not answer a read within 2 s.",
  responses: { 200: jsonContent(ReadySchema, "Ready to serve requests"), ...problems(429, 503) },
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
