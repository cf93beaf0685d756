import { DomainError } from "../errors/domain-error.js";
import type { Principal } from "../model/principal.js";
import { type Action, type AuthzTarget, authorize } from "./authorize.js";

/** Throws DomainError `not_found` or `forbidden` unless the policy allows the action. */
export function requireAllowed(principal: Principal, action: Action, target?: AuthzTarget): void {
  const decision = authorize(principal, action, target);
  if (decision.allow) return;
  if (decision.reason === "not_found") {
    throw new DomainError("not_found", "The resource does not exist or you have no access to its organization.");
  }
  throw new DomainError("forbidden", `Your token lacks the permission this action needs (${action}).`, {
    action,
  });
}
