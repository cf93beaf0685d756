import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { jsonContent } from "../schemas/common.js";

const HealthSchema = z.object({ status: z.literal("ok") }).openapi("Health");

const route = createRoute({
  method: "get",
  path: "/v1/health",
  tags: ["Health"],
  summary: "Liveness (no authentication)",
  responses: { 200: jsonContent(HealthSchema, "The API is up") },
});

export function healthRoutes() {
  return new OpenAPIHono().openapi(route, (c) => c.json({ status: "ok" as const }, 200));
}
