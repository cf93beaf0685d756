/**
 * The closed list of machine-readable error codes. They are public API: add codes, never rename.
 * Each app maps every code exhaustively (`satisfies Record<ErrorCode, ...>`).
 */
export const ERROR_CODES = [
  /** No or invalid bearer token. */
  "unauthenticated",
  /** Authenticated, but the principal lacks the permission for this action. */
  "forbidden",
  /** The resource does not exist, or belongs to an organization the caller cannot see. */
  "not_found",
  /** The input is malformed or breaks a rule; `details` says which field and why. */
  "validation_failed",
  /** The request conflicts with the current state (duplicate, concurrent change). */
  "conflict",
  /** The request body is larger than the API accepts. */
  "payload_too_large",
  /**
   * A dependency the request needs cannot be used right now (the database is locked by another
   * process for too long, read-only or unreachable); retry later.
   */
  "service_unavailable",
  /** The organization's plan does not include the feature (e.g. `container_scanning`). */
  "feature_not_enabled",
  /** The stored Scaleway secret key is revoked, expired or wrong. */
  "credential_invalid",
  /** The key is valid but lacks Container Registry permissions. */
  "credential_forbidden",
  /** The key is scoped to another Scaleway project than the credential's. */
  "project_scope_mismatch",
  /** The namespace does not exist in that region / project (details may hold a hint). */
  "namespace_not_found",
  /** The image does not exist in the namespace. */
  "image_not_found",
  /** The tag does not exist on the image. */
  "tag_not_found",
  /** The upstream (Scaleway, a registry) kept answering 429. */
  "rate_limited",
  /** The upstream failed, timed out or could not be reached. */
  "upstream_unavailable",
  /** The image uses a format regscan cannot read (e.g. schema 1 manifests). */
  "image_unsupported",
  /** The image exceeds a configured limit (layers, bytes, manifest size). */
  "image_too_large",
  /** Scanning failed (corrupt layer, unreadable archive); the message names what. */
  "scan_failed",
  /**
   * The image was read, but some of its packages could not be inventoried (a cataloger failed, a
   * file or byte budget was exceeded), so a clean result could be wrong; the message says why.
   */
  "inventory_incomplete",
  /** A stored secret cannot be decrypted (tampered, moved to another row, or unknown master key). */
  "secret_undecryptable",
  /** Unexpected server-side failure; never carries internals. */
  "internal",
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** Safe, JSON-serialisable extra information. Never holds a secret. */
export type ErrorDetails = Record<string, unknown>;

/** The one error type of the domain: a stable `code` and a message that says what to fix. */
export class DomainError extends Error {
  override readonly name = "DomainError";
  readonly code: ErrorCode;
  readonly details: ErrorDetails | undefined;

  constructor(code: ErrorCode, message: string, details?: ErrorDetails, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.details = details;
  }
}

/** True for a DomainError, also across bundles (checks the name, not the prototype). */
export function isDomainError(e: unknown): e is DomainError {
  return (
    typeof e === "object" &&
    e !== null &&
    (e as { name?: unknown }).name === "DomainError" &&
    typeof (e as { code?: unknown }).code === "string"
  );
}

export function isErrorCode(value: string): value is ErrorCode {
  return (ERROR_CODES as readonly string[]).includes(value);
}
