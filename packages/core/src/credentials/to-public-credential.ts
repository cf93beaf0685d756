import type { RegistryCredential, StoredCredential, UsableCredential } from "../model/credential.js";

/**
 * The public view of a credential: an explicit allow-list of fields, so no secret or ciphertext
 * field (present or added later) can leak into a response.
 */
export function toPublicCredential(c: StoredCredential | UsableCredential | RegistryCredential): RegistryCredential {
  return {
    id: c.id,
    orgId: c.orgId,
    provider: c.provider,
    scalewayProjectId: c.scalewayProjectId,
    region: c.region,
    namespace: c.namespace,
    description: c.description,
    status: c.status,
    createdAt: c.createdAt,
    createdBy: c.createdBy,
    updatedAt: c.updatedAt,
    lastVerifiedAt: c.lastVerifiedAt,
  };
}
