import { type ErrorCode, isDomainError } from "@regscan/core";

/** regscan's process exit codes. Part of the CLI contract (CI pipelines test them). */
export const EXIT = {
  ok: 0,
  /** Unexpected failure (a bug, or an error outside the cases below). */
  failure: 1,
  /** Bad command line: unknown command or option, missing or malformed argument. */
  usage: 2,
  /** The image could not be read: not found, no access, unsupported, corrupt, too large. */
  image: 3,
} as const;

/** Exit code for each domain error a command can end with (exhaustive: a new code must be mapped). */
const EXIT_BY_CODE = {
  unauthenticated: EXIT.image,
  forbidden: EXIT.image,
  not_found: EXIT.image,
  validation_failed: EXIT.usage,
  conflict: EXIT.failure,
  payload_too_large: EXIT.failure,
  service_unavailable: EXIT.failure,
  feature_not_enabled: EXIT.failure,
  credential_invalid: EXIT.image,
  credential_forbidden: EXIT.image,
  project_scope_mismatch: EXIT.image,
  namespace_not_found: EXIT.image,
  image_not_found: EXIT.image,
  tag_not_found: EXIT.image,
  rate_limited: EXIT.image,
  upstream_unavailable: EXIT.image,
  image_unsupported: EXIT.image,
  image_too_large: EXIT.image,
  scan_failed: EXIT.image,
  inventory_incomplete: EXIT.image,
  secret_undecryptable: EXIT.failure,
  internal: EXIT.failure,
} as const satisfies Record<ErrorCode, number>;

/** The exit code for an error a command threw. */
export function exitCodeFor(error: unknown): number {
  if (isDomainError(error)) return EXIT_BY_CODE[error.code] ?? EXIT.failure;
  return EXIT.failure;
}

/**
 * The exit code a command asked for when it ends without failing but must tell a pipeline
 * something (`scan --exit-code N` with findings left), or null for any other error.
 */
export function requestedExitCode(error: unknown): number | null {
  if (!(error instanceof Error) || error.name !== "FindingsFound") return null;
  const code = (error as Error & { exitCode?: unknown }).exitCode;
  return typeof code === "number" && Number.isInteger(code) ? code : null;
}
