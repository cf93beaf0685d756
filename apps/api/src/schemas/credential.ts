import { z } from "@hono/zod-openapi";
import { CREDENTIAL_STATUSES, REGIONS, type RegistryCredential, toPublicCredential } from "@regscan/core";
import { iso, Timestamp } from "./common.js";

export const CredentialSchema = z
  .object({
    id: z.string(),
    orgId: z.string(),
    provider: z.literal("scaleway"),
    scalewayProjectId: z.string().openapi({ format: "uuid" }),
    region: z.enum(REGIONS),
    namespace: z.string(),
    description: z.string().nullable(),
    status: z.enum(CREDENTIAL_STATUSES),
    createdAt: Timestamp,
    createdBy: z.string(),
    updatedAt: Timestamp,
    lastVerifiedAt: Timestamp.nullable(),
  })
  .openapi("Credential", { description: "A stored Scaleway credential. The secret key is never returned." });

export const CredentialListSchema = z.object({ items: z.array(CredentialSchema) }).openapi("CredentialList");

/** Strict: unknown fields are rejected. Values are validated by the domain (one set of rules). */
export const CreateCredentialSchema = z
  .object({
    provider: z.literal("scaleway"),
    scalewayProjectId: z.string().openapi({ format: "uuid" }),
    region: z.string().openapi({ enum: [...REGIONS] }),
    namespace: z.string().openapi({ example: "my-namespace" }),
    secretKey: z.string().openapi({ format: "uuid", description: "Scaleway API secret key. Write-only." }),
    description: z.string().nullable().optional(),
  })
  .strict()
  .openapi("CreateCredential");

export const RotateSecretSchema = z
  .object({ secretKey: z.string().openapi({ format: "uuid", description: "The new Scaleway API secret key." }) })
  .strict()
  .openapi("RotateSecret");

export const VerifyQuery = z.object({
  verify: z
    .enum(["true", "false"])
    .optional()
    .openapi({ description: "Check the key against Scaleway before storing (default true)." }),
});

/** JSON of a credential: core's allow-listed public view with ISO dates (never any secret field). */
export function credentialJson(c: RegistryCredential): z.infer<typeof CredentialSchema> {
  const pub = toPublicCredential(c);
  return {
    ...pub,
    createdAt: iso(pub.createdAt),
    updatedAt: iso(pub.updatedAt),
    lastVerifiedAt: iso(pub.lastVerifiedAt),
  };
}
