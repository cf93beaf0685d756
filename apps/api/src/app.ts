import { OpenAPIHono } from "@hono/zod-openapi";
import { DomainError } from "@regscan/core";
import { Scalar } from "@scalar/hono-api-reference";
import { bodyLimit } from "hono/body-limit";
import { cors } from "hono/cors";
import type { AppDeps } from "./deps.js";
import { allowedMethodsOf } from "./http/allowed-methods.js";
import { type AuthEnv, requireAuth } from "./http/auth.js";
import { describeError } from "./http/describe-error.js";
import { jsonBody } from "./http/json-body.js";
import { problemFor, problemResponse, STATUS_BY_CODE, toDomainError } from "./http/problem.js";
import { validationHook } from "./http/validation-hook.js";
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

/** Routes that need no token. */
const PUBLIC_PATHS = new Set(["/v1/health", "/v1/ready"]);

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
        maxAge: 600,
      }),
    );
  }
  const limitBody = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: () =>
      problemResponse(problemFor(new DomainError("payload_too_large", "The request body is larger than 64 KiB."))),
  });
  // GET and HEAD carry no body (the server ignores one): asking for it would build a whole
  // Request object per read on Node, the API's most frequent requests.
  app.use("/v1/*", (c, next) => (c.req.method === "GET" || c.req.method === "HEAD" ? next() : limitBody(c, next)));
  const auth = requireAuth(deps);
  app.use("/v1/*", async (c, next) => (PUBLIC_PATHS.has(new URL(c.req.url).pathname) ? next() : auth(c, next)));
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
  app.doc31("/openapi.json", {
    openapi: "3.1.0",
    info: {
      title: "regscan API",
      version: "1.0.0",
      description: "Store Scaleway registry credentials once, browse registries and scan images for vulnerabilities.",
    },
  });
  app.get("/docs", Scalar({ url: "/openapi.json", pageTitle: "regscan API" }));

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
