import { z } from "zod";
import { REGIONS, type Region } from "../model/credential.js";
import { refuseUnsafeCharacters } from "../validation/common-schemas.js";
import { parseInput } from "../validation/parse-input.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Shortest and longest Scaleway Container Registry namespace names. */
export const NAMESPACE_MIN_LENGTH = 4;
export const NAMESPACE_MAX_LENGTH = 54;

/**
 * Why Scaleway would reject `name` as a Container Registry namespace, or null when it is valid.
 * Rules: 4–54 characters, lowercase letters, digits and hyphens only, starting with a letter and
 * ending with a letter or digit. Names are case-sensitive and registry paths are lowercase, so an
 * uppercase letter is an error, not something to fold silently.
 */
export function namespaceProblem(name: string): string | null {
  if (/[A-Z]/.test(name)) {
    // The value is not echoed: a secret pasted into the wrong field must not reach an error message.
    return "Scaleway namespaces are lowercase and case-sensitive: write the name in lowercase, exactly as the Scaleway console shows it.";
  }
  if (name.length < NAMESPACE_MIN_LENGTH || name.length > NAMESPACE_MAX_LENGTH) {
    return `Must be ${NAMESPACE_MIN_LENGTH} to ${NAMESPACE_MAX_LENGTH} characters long (got ${name.length}).`;
  }
  if (!/^[a-z0-9-]+$/.test(name)) return "May contain only lowercase letters, digits and hyphens (-).";
  if (!/^[a-z]/.test(name)) return "Must start with a lowercase letter.";
  if (name.endsWith("-")) return "Must end with a letter or a digit, not a hyphen.";
  return null;
}

const namespaceSchema = z.string({ error: "Must be a string." }).superRefine((value, ctx) => {
  const problem = namespaceProblem(value);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

const secretKeySchema = z.string({ error: "Must be a string." }).superRefine((value, ctx) => {
  if (UUID.test(value)) return;
  const hint = /^SCW/i.test(value) ? " This looks like an access key (SCW…): give the secret key instead." : "";
  ctx.addIssue({ code: "custom", message: `Must be a Scaleway API secret key, which is a UUID.${hint}` });
});

const credentialInputSchema = z.strictObject({
  provider: z.literal("scaleway", { error: 'Must be "scaleway" (the only supported provider).' }),
  scalewayProjectId: z
    .string({ error: "Must be a string." })
    .regex(UUID, "Must be a Scaleway project ID, which is a UUID (see the console's project settings)."),
  region: z.enum(REGIONS, { error: `Must be one of ${REGIONS.join(", ")}.` }),
  namespace: namespaceSchema,
  secretKey: secretKeySchema,
  description: z
    .string({ error: "Must be a string." })
    .max(255, "Must be at most 255 characters.")
    .superRefine(refuseUnsafeCharacters)
    .nullish()
    .transform((d) => (d ? d : null)),
});

/** A validated credential creation request. */
export interface CredentialInput {
  provider: "scaleway";
  scalewayProjectId: string;
  region: Region;
  namespace: string;
  secretKey: string;
  description: string | null;
}

/**
 * Validates a credential creation body; throws `validation_failed` with `details.fields`
 * (unknown fields rejected). Messages say why and never echo the secret key.
 */
export function validateCredentialInput(input: unknown): CredentialInput {
  return parseInput(credentialInputSchema, input, "The credential");
}

const rotateSchema = z.strictObject({ secretKey: secretKeySchema });

/** Validates a rotation body `{secretKey}`. */
export function validateSecretRotation(input: unknown): { secretKey: string } {
  return parseInput(rotateSchema, input, "The new secret");
}
