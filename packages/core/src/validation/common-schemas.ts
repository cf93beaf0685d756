import { z } from "zod";

/** A display name: 1–100 characters after trimming, no control characters. */
export const nameSchema = z
  .string({ error: "Must be a string." })
  .trim()
  .min(1, "Must not be empty.")
  .max(100, "Must be at most 100 characters.")
  // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
  .regex(/^[^\u0000-\u001f\u007f]*$/, "Must not contain control characters.");

/** `{name}` with no other field. */
export const namedInputSchema = z.strictObject({ name: nameSchema });
