import { authenticate, DomainError, type Principal } from "@regscan/core";
import type { MiddlewareHandler } from "hono";
import type { AppDeps } from "../deps.js";

export interface AuthEnv {
  /** `errorCode`: the problem's code, for the request log line. */
  Variables: { principal: Principal; errorCode?: string };
}

/** Requires `Authorization: Bearer <token>` and puts the principal on the context. */
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
    c.set("principal", await authenticate(deps.core, match[1]));
    await next();
  };
}
