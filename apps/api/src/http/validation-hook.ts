import type { z } from "@hono/zod-openapi";
import { DomainError } from "@regscan/core";

/** zod-openapi's hook: a failed validation becomes a `validation_failed` problem naming each field. */
export function validationHook(result: { success: boolean; error?: z.ZodError; target: string }) {
  if (result.success || !result.error) return;
  const fields = result.error.issues.map((issue) => ({
    path: [result.target, ...issue.path.map(String)].join("."),
    message: issue.code === "unrecognized_keys" ? `Unknown field(s): ${issue.keys.join(", ")}` : issue.message,
  }));
  const summary = fields.map((f) => `${f.path}: ${f.message}`).join("; ");
  throw new DomainError("validation_failed", `The request is invalid: ${summary}`, { fields });
}
