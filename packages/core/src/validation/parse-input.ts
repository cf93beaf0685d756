import type { z } from "zod";
import { DomainError } from "../errors/domain-error.js";

/** One invalid field: a dotted path (`permissions.projects.p1`) and why it is invalid. */
export interface FieldError {
  path: string;
  message: string;
}

function pathOf(path: readonly PropertyKey[]): string {
  return path.map(String).join(".");
}

/** Converts zod issues into field errors; unknown keys become one error per key. */
export function toFieldErrors(issues: readonly z.core.$ZodIssue[]): FieldError[] {
  const out: FieldError[] = [];
  for (const issue of issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        out.push({ path: pathOf([...issue.path, key]), message: "Unknown field: remove it." });
      }
    } else {
      out.push({ path: pathOf(issue.path), message: issue.message });
    }
  }
  return out;
}

/** A `validation_failed` DomainError with `details.fields`. */
export function validationError(fields: FieldError[], what = "The input"): DomainError {
  const summary = fields.map((f) => (f.path ? `${f.path}: ${f.message}` : f.message)).join("; ");
  return new DomainError("validation_failed", `${what} is invalid: ${summary}`, { fields });
}

/**
 * Parses `input` with `schema` or throws `validation_failed`. Messages never echo input values, so
 * a secret in a wrong field never reaches an error.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what?: string): z.output<S> {
  const result = schema.safeParse(input, { reportInput: false });
  if (result.success) return result.data;
  throw validationError(toFieldErrors(result.error.issues), what);
}
