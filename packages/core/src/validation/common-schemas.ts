import { z } from "zod";
import { unsafeTextProblem } from "./unsafe-character.js";

/** Refines a string: refused when it holds a control, bidi or other invisible character (see unsafe-character.ts). */
export function refuseUnsafeCharacters(value: string, ctx: z.core.$RefinementCtx<string>): void {
  const problem = unsafeTextProblem(value);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
}

/**
 * A display name: 1–100 characters after trimming, no control, bidirectional formatting or other
 * invisible characters (checked before trimming, so a position counts from the text as sent).
 */
export const nameSchema = z
  .string({ error: "Must be a string." })
  .superRefine(refuseUnsafeCharacters)
  .trim()
  .min(1, "Must not be empty.")
  .max(100, "Must be at most 100 characters.");

/** `{name}` with no other field. */
export const namedInputSchema = z.strictObject({ name: nameSchema });
