import { z } from "@hono/zod-openapi";
import { ERROR_CODES, type ErrorCode } from "@regscan/core";
import { TITLE_BY_STATUS } from "../http/problem.js";

export const ProblemSchema = z
  .object({
    type: z.string().openapi({ example: "https://regscan.dev/problems/not-found" }),
    title: z.string(),
    status: z.number().int(),
    code: z.enum(ERROR_CODES).openapi({ description: "Stable machine-readable error code." }),
    detail: z.string().openapi({ description: "What failed and how to fix it." }),
    instance: z.string().optional(),
    details: z.record(z.string(), z.unknown()).optional(),
  })
  .openapi("Problem");

/** A problem status an operation may answer, with what it means in this API and a typical document. */
const PROBLEM_STATUSES = {
  400: {
    description: "Invalid input (malformed JSON, unknown fields, bad values); `details.fields` names each field",
    code: "validation_failed",
    detail: "The request is invalid: param.projectId: Too big: expected string to have <=100 characters",
  },
  401: {
    description: "Missing, unknown or revoked bearer token",
    code: "unauthenticated",
    detail: "Send an API token in the Authorization header: `Authorization: Bearer <token>`.",
  },
  403: {
    description: "Not permitted, or the feature is not on the organization's plan",
    code: "forbidden",
    detail: "This token lacks the project permission start_scan.",
  },
  404: {
    description: "Not found (or not visible to the caller)",
    code: "not_found",
    detail: "Project not found.",
  },
  409: {
    description: "Conflict with the current state",
    code: "conflict",
    detail: "The Idempotency-Key was already used with another request body.",
  },
  413: {
    description: "Request body over 64 KiB",
    code: "payload_too_large",
    detail: "The request body is larger than 64 KiB.",
  },
  415: {
    description: "A request body that is not JSON: send Content-Type: application/json",
    code: "unsupported_media_type",
    detail: "The request body must be JSON: send it with `Content-Type: application/json`.",
  },
  422: {
    description: "The upstream rejected the credential or the input",
    code: "credential_invalid",
    detail: "Scaleway rejected the secret key (revoked or wrong).",
  },
  429: {
    description:
      "Too many requests: this token's (or, without a token, this address's) rate limit is used up, or the upstream kept rate-limiting; wait `Retry-After` seconds",
    code: "rate_limited",
    detail: "Rate limit of 600 requests per minute exceeded; retry in 12 s.",
  },
  500: {
    description: "An unexpected failure (logged with its cause); a stored secret the master keys cannot open",
    code: "internal",
    detail: "An unexpected error occurred. Try again; if it persists, check the server log.",
  },
  502: {
    description: "The upstream (Scaleway or the registry) failed or timed out",
    code: "upstream_unavailable",
    detail: "Scaleway did not answer within 15 s.",
  },
  503: {
    description: "The database cannot be used right now (locked, read-only, unreachable); retry after `Retry-After`",
    code: "service_unavailable",
    detail: "The database is locked by another process; retry shortly.",
  },
} as const satisfies Record<number, { description: string; code: ErrorCode; detail: string }>;

export type ProblemStatus = keyof typeof PROBLEM_STATUSES;

/** What every operation behind a token can answer: no valid token, rate limit, failure, database unavailable. */
export const TOKEN_PROBLEMS = [401, 429, 500, 503] as const;
/** What a request that may carry a body (any POST, PUT or DELETE) can also answer: not UTF-8, too large, not JSON. */
export const BODY_PROBLEMS = [400, 413, 415] as const;

const retryAfter = {
  "Retry-After": { description: "Seconds to wait before retrying.", schema: { type: "integer" as const, minimum: 0 } },
};

function problemResponse<S extends ProblemStatus>(status: S) {
  const { description, code, detail } = PROBLEM_STATUSES[status];
  return {
    description,
    ...(status === 429 || status === 503 ? { headers: retryAfter } : {}),
    content: {
      "application/problem+json": {
        schema: ProblemSchema,
        example: {
          type: `https://regscan.dev/problems/${code.replaceAll("_", "-")}`,
          title: TITLE_BY_STATUS[status],
          status,
          code,
          detail,
        },
      },
    },
  };
}

/**
 * Problem+json responses for exactly the given statuses, for route definitions (typed per status,
 * so the typed client knows each error answer).
 */
export function problems<const S extends readonly ProblemStatus[]>(
  ...statuses: S
): { [K in S[number]]: ReturnType<typeof problemResponse<K>> } {
  const out: Partial<Record<ProblemStatus, ReturnType<typeof problemResponse>>> = {};
  for (const status of statuses) out[status] = problemResponse(status);
  return out as { [K in S[number]]: ReturnType<typeof problemResponse<K>> };
}

export function jsonContent<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { "application/json": { schema } } };
}

export function jsonBody<T extends z.ZodType>(schema: T) {
  return { required: true, content: { "application/json": { schema } } };
}

/** A path parameter holding an id (1–100 characters). */
export const idParam = (name: string, description: string) =>
  z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name, in: "path" }, description, example: "3f2b8c1e-8d0a-4c7e-9d7a-2f0c6a1b9e44" });

const orgId = idParam("orgId", "The organization's id.");
const projectId = idParam("projectId", "The project's id.");
const credentialId = idParam("credentialId", "The credential's id.");

export const OrgParams = z.object({ orgId });
export const ProjectParams = z.object({ projectId });
export const OrgCredentialParams = z.object({ orgId, credentialId });
export const ProjectCredentialParams = z.object({ projectId, credentialId });
export const TokenParams = z.object({ orgId, tokenId: idParam("tokenId", "The token's id (not its value).") });

export const Timestamp = z.string().openapi({ format: "date-time", example: "2026-11-26T10:00:00.000Z" });

export function iso(date: Date): string;
export function iso(date: Date | null): string | null;
export function iso(date: Date | null): string | null {
  return date ? date.toISOString() : null;
}
