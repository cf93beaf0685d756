import { DomainError, type ErrorCode, isDomainError } from "@regscan/core";
import { HTTPException } from "hono/http-exception";

/** Every error code maps to one HTTP status; a new code fails to compile until it is mapped here. */
export const STATUS_BY_CODE = {
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  validation_failed: 400,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  method_not_allowed: 405,
  headers_too_large: 431,
  service_unavailable: 503,
  feature_not_enabled: 403,
  credential_invalid: 422,
  credential_forbidden: 422,
  project_scope_mismatch: 422,
  namespace_not_found: 404,
  image_not_found: 404,
  tag_not_found: 404,
  rate_limited: 429,
  upstream_unavailable: 502,
  image_unsupported: 422,
  image_too_large: 422,
  scan_failed: 422,
  inventory_incomplete: 422,
  secret_undecryptable: 500,
  internal: 500,
} as const satisfies Record<ErrorCode, number>;

export const TITLE_BY_STATUS: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  409: "Conflict",
  413: "Content Too Large",
  415: "Unsupported Media Type",
  422: "Unprocessable Content",
  429: "Too Many Requests",
  431: "Request Header Fields Too Large",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
};

/** An RFC 9457 problem document with regscan's machine-readable `code`. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: ErrorCode;
  detail: string;
  instance?: string;
  details?: Record<string, unknown>;
}

export function problemFor(error: DomainError, instance?: string): Problem {
  const status = STATUS_BY_CODE[error.code];
  return {
    type: `https://regscan.dev/problems/${error.code.replaceAll("_", "-")}`,
    title: TITLE_BY_STATUS[status] ?? "Error",
    status,
    code: error.code,
    detail: error.message,
    ...(instance ? { instance } : {}),
    ...(error.details ? { details: error.details } : {}),
  };
}

export function problemResponse(problem: Problem, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(problem), {
    status: problem.status,
    headers: { "content-type": "application/problem+json", ...headers },
  });
}

/** Turns anything thrown by a handler into a DomainError the client may see. */
export function toDomainError(error: unknown): DomainError {
  if (isDomainError(error)) return error;
  if (error instanceof HTTPException) {
    if (error.status === 413) return new DomainError("payload_too_large", "The request body is larger than 64 KiB.");
    if (error.status === 400) {
      return new DomainError(
        "validation_failed",
        "The request body is not valid JSON. Send a JSON object with Content-Type: application/json.",
      );
    }
    if (error.status === 401) return new DomainError("unauthenticated", error.message);
    if (error.status === 415) return unsupportedMediaType();
  }
  return new DomainError("internal", "An unexpected error occurred. Try again; if it persists, check the server log.");
}

/** The problem for a request body that is not JSON. */
export function unsupportedMediaType(): DomainError {
  return new DomainError(
    "unsupported_media_type",
    "The request body must be JSON: send it with `Content-Type: application/json`.",
  );
}
