import type { Region, UsableCredential } from "@regscan/core";

/** A usable credential for gateway tests (fixed dates, fake ids). */
export function credentialFor(input: {
  secretKey: string;
  projectId: string;
  namespace: string;
  region?: Region;
}): UsableCredential {
  const at = new Date("2026-01-01T00:00:00Z");
  return {
    id: "cred-1",
    orgId: "org-1",
    provider: "scaleway",
    scalewayProjectId: input.projectId,
    region: input.region ?? "fr-par",
    namespace: input.namespace,
    description: null,
    status: "active",
    createdAt: at,
    createdBy: "token-1",
    updatedAt: at,
    lastVerifiedAt: null,
    secretKey: input.secretKey,
  };
}
