import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { advisoriesUpdatedAt, requireAllowed } from "@regscan/core";
import type { AppDeps } from "../deps.js";
import type { AuthEnv } from "../http/auth.js";
import { runInBackground } from "../http/background-task.js";
import { AdvisoryStatusSchema, ecosystemJson, RefreshStartedSchema, refreshRunJson } from "../schemas/advisory.js";
import { BODY_PROBLEMS, iso, jsonContent, problems, TOKEN_PROBLEMS } from "../schemas/common.js";

const security = [{ bearerAuth: [] }];
const tags = ["Advisories"];

const status = createRoute({
  method: "get",
  path: "/v1/advisories/status",
  operationId: "getAdvisoryStatus",
  tags,
  security,
  summary: "Advisory records and freshness per ecosystem (any token)",
  description:
    "What scans are matched against: record counts and last import per ecosystem, and the running or last OSV refresh.",
  responses: { 200: jsonContent(AdvisoryStatusSchema, "The advisory database"), ...problems(...TOKEN_PROBLEMS) },
});

const refresh = createRoute({
  method: "post",
  path: "/v1/admin/advisories/refresh",
  operationId: "refreshAdvisories",
  tags: ["Admin"],
  security,
  summary: "Run the incremental OSV refresh of every imported ecosystem (instance admin)",
  description: "Answers 202 at once; GET /v1/advisories/status shows the run and its outcome.",
  responses: {
    202: jsonContent(RefreshStartedSchema, "The refresh that is running"),
    ...problems(403, ...BODY_PROBLEMS, ...TOKEN_PROBLEMS),
  },
});

export function advisoryRoutes(deps: AppDeps) {
  const { advisories, refresher } = deps;
  return new OpenAPIHono<AuthEnv>()
    .openapi(status, async (c) => {
      const ecosystems = await advisories.status();
      return c.json(
        {
          updatedAt: iso(advisoriesUpdatedAt(ecosystems)),
          ecosystems: ecosystems.map(ecosystemJson),
          refresh: { running: refreshRunJson(refresher.current), last: refreshRunJson(refresher.last) },
        },
        200,
      );
    })
    .openapi(refresh, async (c) => {
      requireAllowed(c.get("principal"), "admin.advisories");
      const done = refresher.refresh().catch((error: unknown) => {
        deps.logger.error("advisory refresh failed", { error: error instanceof Error ? error.message : String(error) });
      });
      runInBackground(c, done);
      const running = refreshRunJson(refresher.current);
      if (!running) throw new Error("the advisory refresh ended before it was reported");
      return c.json({ running }, 202);
    });
}
