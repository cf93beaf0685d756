import { OpenAPIHono } from "@hono/zod-openapi";
import { DomainError } from "@regscan/core";
import { Scalar } from "@scalar/hono-api-reference";
import { bodyLimit } from "hono/body-limit";
import { cors } from "hono/cors";
import type { AppDeps } from "./deps.js";
import { type AuthEnv, requireAuth } from "./http/auth.js";
import { problemFor, problemResponse, toDomainError } from "./http/problem.js";
import { rateLimit } from "./http/rate-limit.js";
import { validationHook } from "./http/validation-hook.js";
import { adminRoutes } from "./routes/admin.js";
import { advisoryRoutes } from "./routes/advisories.js";
import { auditRoutes } from "./routes/audit.js";
import { credentialRoutes } from "./routes/credentials.js";
import { healthRoutes } from "./routes/health.js";
import { orgRoutes } from "./routes/orgs.js";
import { projectCredentialRoutes } from "./routes/project-credentials.js";
import { registryRoutes } from "./routes/registry.js";
import { scanRoutes } from "./routes/scans.js";
import { tokenRoutes } from "./routes/tokens.js";

export type { AppDeps } from "./deps.js";

export const MAX_BODY_BYTES = 64 * 1024;

/** Builds the HTTP app from its dependencies (the same app on Node and on Workers). */
export function createApp(deps: AppDeps) {
  const app = new OpenAPIHono<AuthEnv>({ defaultHook: validationHook });

  app.use("*", async (c, next) => {
    const started = Date.now();
    await next();
    deps.logger.info("request", {
      method: c.req.method,
      path: new URL(c.req.url).pathname,
      status: c.res.status,
      ms: Date.now() - started,
    });
  });
  if (deps.corsOrigins.length > 0) {
    app.use(
      "*",
      cors({
        origin: deps.corsOrigins,
        allowHeaders: ["Authorization", "Content-Type", "Idempotency-Key"],
        maxAge: 600,
      }),
    );
  }
  app.use(
    "/v1/*",
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () =>
        problemResponse(problemFor(new DomainError("payload_too_large", "The request body is larger than 64 KiB."))),
    }),
  );
  const auth = requireAuth(deps);
  // Awaited, not returned: workerd reports a rejected promise handed up unawaited as unhandled.
  app.use("/v1/*", async (c, next) => {
    if (new URL(c.req.url).pathname === "/v1/health") await next();
    else await auth(c, next);
  });
  const limiter = deps.rateLimiter;
  if (limiter) {
    const limit = rateLimit(limiter);
    app.use("/v1/*", async (c, next) => {
      if (new URL(c.req.url).pathname === "/v1/health") await next();
      else await limit(c, next);
    });
  }

  // Chained, so the app's type carries every route (the typed client `hc<AppType>` sees them all).
  const routed = app
    .route("/", healthRoutes())
    .route("/", orgRoutes(deps))
    .route("/", tokenRoutes(deps))
    .route("/", credentialRoutes(deps))
    .route("/", projectCredentialRoutes(deps))
    .route("/", registryRoutes(deps))
    .route("/", scanRoutes(deps))
    .route("/", advisoryRoutes(deps))
    .route("/", auditRoutes(deps))
    .route("/", adminRoutes(deps));

  app.openAPIRegistry.registerComponent("securitySchemes", "bearerAuth", {
    type: "http",
    scheme: "bearer",
    description: "An API token issued by POST /v1/orgs/{orgId}/tokens (or the bootstrap token).",
  });
  app.doc31("/openapi.json", {
    openapi: "3.1.0",
    info: {
      title: "regscan API",
      version: "1.0.0",
      description: "Store Scaleway registry credentials once, browse registries and scan images for vulnerabilities.",
    },
  });
  app.get("/docs", Scalar({ url: "/openapi.json", pageTitle: "regscan API" }));

  app.notFound((c) =>
    problemResponse(
      problemFor(new DomainError("not_found", `No route for ${c.req.method} ${new URL(c.req.url).pathname}.`)),
    ),
  );
  app.onError((error, c) => {
    const domainError = toDomainError(error);
    if (domainError.code === "internal") {
      deps.logger.error("unhandled error", { path: new URL(c.req.url).pathname, error: error.name });
    }
    const headers: Record<string, string> = {};
    if (domainError.code === "unauthenticated") headers["www-authenticate"] = 'Bearer realm="regscan"';
    // Upstream rate limits last about a minute (Scaleway); tell clients when to come back.
    if (domainError.code === "rate_limited") headers["retry-after"] = "60";
    return problemResponse(problemFor(domainError, new URL(c.req.url).pathname), headers);
  });
  return routed;
}

export type App = ReturnType<typeof createApp>;
/** The app's route types, for `hc<AppType>` (see ./client). */
export type AppType = App;
