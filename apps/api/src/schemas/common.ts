import { z } from "@hono/zod-openapi";
import { ERROR_CODES } from "@regscan/core";

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

const PROBLEM_DESCRIPTIONS: Record<number, string> = {
  400: "Invalid input (malformed JSON, unknown fields, bad values)",
  401: "Missing or invalid bearer token",
  403: "Not permitted, or the feature is not on the plan",
  404: "Not found (or not visible to the caller)",
  409: "Conflict with the current state",
  405: "The route does not have this method (see `Allow`)",
  413: "Request body over 64 KiB",
  415: "The body is not JSON: send Content-Type: application/json",
  422: "The upstream rejected the credential or the input",
  429: "The upstream kept rate-limiting",
  502: "The upstream failed or timed out",
  503: "The database cannot be used right now (locked, read-only, unreachable); retry later",
};

/** Problem+json responses for the given statuses, for route definitions. */
export function problems(...statuses: number[]) {
  const out: Record<
    number,
    { description: string; content: { "application/problem+json": { schema: typeof ProblemSchema } } }
  > = {};
  for (const status of [400, 401, ...statuses]) {
    out[status] = {
      description: PROBLEM_DESCRIPTIONS[status] ?? "Error",
      content: { "application/problem+json": { schema: ProblemSchema } },
    };
  }
  return out;
}

export function jsonContent<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { "application/json": { schema } } };
}

export function jsonBody<T extends z.ZodType>(schema: T) {
  return { required: true, content: { "application/json": { schema } } };
}

const id = (name: string) =>
  z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name, in: "path" }, example: "3f2b8c1e-8d0a-4c7e-9d7a-2f0c6a1b9e44" });

export const OrgParams = z.object({ orgId: id("orgId") });
export const ProjectParams = z.object({ projectId: id("projectId") });
export const OrgCredentialParams = z.object({ orgId: id("orgId"), credentialId: id("credentialId") });
export const ProjectCredentialParams = z.object({ projectId: id("projectId"), credentialId: id("credentialId") });
export const TokenParams = z.object({ orgId: id("orgId"), tokenId: id("tokenId") });

export const Timestamp = z.string().openapi({ format: "date-time", example: "2026-11-26T10:00:00.000Z" });

export function iso(date: Date): string;
export function iso(date: Date | null): string | null;
export function iso(date: Date | null): string | null {
  return date ? date.toISOString() : null;
}
