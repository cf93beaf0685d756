import { authenticate, DomainError, type Principal } from "@regscan/core";
import type { MiddlewareHandler } from "hono";
import type { AppDeps } from "../deps.js";

export interface AuthEnv {
  /** `errorCode`: the problem's code, for the request log line. */
  Variables: { principal: Principal; errorCode?: string };
}

/** Methods that change nothing: every other request clears the principal cache once it is answered. */
const READS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Requires `Authorization: Bearer <token>` and puts the principal on the context (from the
 * short-lived cache when it holds the token).
 */
export function requireAuth(deps: AppDeps): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    const header = c.req.header("authorization") ?? "";
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match?.[1]) {
      throw new DomainError(
        "unauthenticated",
        "Send an API token in the Authorization header: `Authorization: Bearer <token>`.",
      );
    }
    const token = match[1];
    c.set("principal", await deps.shortLived.principals.get(token, () => authenticate(deps.core, token)));
    try {
      await next();
    } finally {
      // A write may have revoked a token, changed permissions, rotated or deleted a credential:
      // nothing cached before it outlives it.
      if (!READS.has(c.req.method)) {
        deps.shortLived.principals.clear();
        deps.shortLived.browseCredentials.clear();
      }
    }
  };
}
