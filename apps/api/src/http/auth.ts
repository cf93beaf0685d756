import { authenticate, DomainError, isDomainError, type Principal } from "@regscan/core";
import type { MiddlewareHandler } from "hono";
import type { AppDeps } from "../deps.js";

export interface AuthEnv {
  /**
   * `principal`: the caller (set by `identify`; always set in a route behind `requireAuth`).
   * `authFailure`: why the request has no principal. `errorCode`: the problem's code, for the log.
   */
  Variables: { principal: Principal; authFailure?: DomainError; errorCode?: string };
}

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/** Methods that change nothing: every other request clears the short-lived caches once it is answered. */
const READS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Finds the caller: a valid `Authorization: Bearer <token>` puts its principal on the context (from
 * the short-lived cache when it holds the token); a missing, unknown or revoked token is remembered
 * as `authFailure` (so the rate limit can count the request by address before `requireAuth`
 * refuses it). Any other failure (the database) throws. After a write, nothing cached before it
 * outlives it: it may have revoked a token, changed permissions, rotated or deleted a credential.
 */
export function identify(deps: AppDeps): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    const token = BEARER.exec(c.req.header("authorization") ?? "")?.[1];
    if (!token) {
      c.set(
        "authFailure",
        new DomainError(
          "unauthenticated",
          "Send an API token in the Authorization header: `Authorization: Bearer <token>`.",
        ),
      );
      await next();
      return;
    }
    try {
      c.set("principal", await deps.shortLived.principals.get(token, () => authenticate(deps.core, token)));
    } catch (error) {
      if (!isDomainError(error) || error.code !== "unauthenticated") throw error;
      c.set("authFailure", error);
    }
    try {
      await next();
    } finally {
      if (!READS.has(c.req.method)) {
        deps.shortLived.principals.clear();
        deps.shortLived.browseCredentials.clear();
      }
    }
  };
}

/** Refuses a request `identify` found no valid token on: 401 `unauthenticated`, saying why. */
export function requireAuth(): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    if (!(c.get("principal") as Principal | undefined)) {
      throw (
        c.get("authFailure") ??
        new DomainError("unauthenticated", "Send an API token: `Authorization: Bearer <token>`.")
      );
    }
    await next();
  };
}
