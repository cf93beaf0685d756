import { OpenAPIHono } from "@hono/zod-openapi";
import { DomainError } from "@regscan/core";
import { bodyLimit } from "hono/body-limit";
import { cors } from "hono/cors";
import type { AppDeps } from "./deps.js";
import { docsRoutes } from "./docs/docs-routes.js";
import { allowedMethodsOf } from "./http/allowed-methods.js";
import { type AuthEnv, identify, requireAuth } from "./http/auth.js";
import { describeError } from "./http/describe-error.js";
import { jsonBody } from "./http/json-body.js";
import { problemFor, problemResponse, STATUS_BY_CODE, toDomainError } from "./http/problem.js";
import { rateLimit } from "./http/rate-limit.js";
import { validationHook } from "./http/validation-hook.js";
import { OPENAPI_DOCUMENT } from "./openapi.js";
import { adminRoutes } from "./routes/admin.js";
import { advisoryRoutes } from "./routes/advisories.js";
import { auditRoutes } from "./routes/audit.js";
import { credentialRoutes } from "./routes/credentials.js";
import { healthRoutes, readyRoutes } from "./routes/health.js";
import { orgRoutes } from "./routes/orgs.js";
import { projectCredentialRoutes } from "./routes/project-credentials.js";
import { registryRoutes } from "./routes/registry.js";
import { scanRoutes } from "./routes/scans.js";
import { tokenRoutes } from "./routes/tokens.js";

export type { AppDeps } from "./deps.js";

export const MAX_BODY_BYTES = 64 * 1024;

/** Routes under /v1 that need no token. */
const PUBLIC_PATHS = new Set(["/v1/health", "/v1/ready"]);

/** Whether the request's route needs a token (everything under /v1 but the probes). */
function needsToken(url: string): boolean {
  const path = new URL(url).pathname;
  return path.startsWith("/v1/") && !PUBLIC_PATHS.has(path);
}

/** Seconds a client should wait before retrying, by error code. */
const RETRY_AFTER: Partial<Record<string, string>> = {
  // Upstream rate limits last about a minute (Scaleway).
  rate_limited: "60",
  // A database lock held by another process, or a database being restored.
  service_unavailable: "1",
};

/** Builds the HTTP app from its dependencies (the same app on Node and on Workers). */
export function createApp(deps: AppDeps) {
  const app = new OpenAPIHono<AuthEnv>({ defaultHook: validationHook });

  app.use("*", async (c, next) => {
    const started = Date.now();
    await next();
    const code = c.get("errorCode");
    deps.logger.info("request", {
      method: c.req.method,
      path: new URL(c.req.url).pathname,
      status: c.res.status,
      ms: Date.now() - started,
      ...(code ? { code } : {}),
    });
  });
  if (deps.corsOrigins.length > 0) {
    app.use(
      "*",
      cors({
        origin: deps.corsOrigins,
        allowHeaders: ["Authorization", "Content-Type", "Idempotency-Key"],
        // A dashboard on another origin may read the rate limit and when to retry.
        exposeHeaders: ["RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset", "RateLimit-Policy", "Retry-After"],
        maxAge: 600,
      }),
    );
  }
  // Who is calling (a valid token, or nobody), then the rate limit by token or client address.
  const caller = identify(deps);
  app.use("*", async (c, next) => {
    if (needsToken(c.req.url)) await caller(c, next);
    else await next();
  });
  app.use("*", rateLimit(deps.rateLimit));
  const limitBody = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: () =>
      problemResponse(problemFor(new DomainError("payload_too_large", "The request body is larger than 64 KiB."))),
  });
  // GET and HEAD carry no body (the server ignores one): asking for it would build a whole
  // Request object per read on Node, the API's most frequent requests.
  app.use("/v1/*", async (c, next) => {
    if (c.req.method === "GET" || c.req.method === "HEAD") return await next();
    // The limit answers 413 itself: its response must be handed on.
    return await limitBody(c, next);
  });
  // Awaited, not returned: workerd reports a rejected promise handed up unawaited as unhandled.
  const auth = requireAuth();
  app.use("*", async (c, next) => {
    if (needsToken(c.req.url)) await auth(c, next);
    else await next();
  });
  // After authentication: an anonymous request's body is never decoded.
  app.use("/v1/*", jsonBody());

  // Chained, so the app's type carries every route (the typed client `hc<AppType>` sees them all).
  const routed = app
    .route("/", healthRoutes())
    .route("/", readyRoutes(deps))
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
  app.doc31("/openapi.json", OPENAPI_DOCUMENT);
  app.route("/", docsRoutes(deps.docs));

  const allowedMethods = allowedMethodsOf(app.routes);
  app.notFound((c) => {
    const path = new URL(c.req.url).pathname;
    const allow = allowedMethods(path);
    if (allow.length > 0) {
      const error = new DomainError(
        "method_not_allowed",
        `${path} does not accept ${c.req.method}; it accepts ${allow.join(", ")}.`,
        { allow },
      );
      c.set("errorCode", error.code);
      return problemResponse(problemFor(error, path), { allow: allow.join(", ") });
    }
    const error = new DomainError("not_found", `No route for ${c.req.method} ${path}.`);
    c.set("errorCode", error.code);
    return problemResponse(problemFor(error));
  });
  app.onError((error, c) => {
    const domainError = toDomainError(error);
    const path = new URL(c.req.url).pathname;
    c.set("errorCode", domainError.code);
    if (STATUS_BY_CODE[domainError.code] >= 500) {
      // The code and the cause chain (driver code such as SQLITE_BUSY), never parameters or secrets.
      deps.logger.error("request failed", {
        method: c.req.method,
        path,
        code: domainError.code,
        cause: describeError(error).cause,
      });
    }
    const headers: Record<string, string> = {};
    if (domainError.code === "unauthenticated") headers["www-authenticate"] = 'Bearer realm="regscan"';
    const retryAfter = RETRY_AFTER[domainError.code];
    if (retryAfter) headers["retry-after"] = retryAfter;
    return problemResponse(problemFor(domainError, path), headers);
  });
  return routed;
}

export type App = ReturnType<typeof createApp>;
/** The app's route types, for `hc<AppType>` (see ./client). */
export type AppType = App;
