import { DomainError, type ErrorCode } from "../errors/domain-error.js";

export function credentialNotFound(): DomainError {
  return new DomainError("not_found", "The credential does not exist or you have no access to it.");
}

/** Verification outcomes that say the stored key itself is wrong (as opposed to a transient failure). */
export const CREDENTIAL_FAULT_CODES: readonly ErrorCode[] = [
  "credential_invalid",
  "credential_forbidden",
  "project_scope_mismatch",
  "namespace_not_found",
];
