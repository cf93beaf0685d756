import { createOrg } from "../orgs/organizations.js";
import { createFakeRegistryGateway } from "../testing/fake-registry-gateway.js";
import { createMemoryDeps } from "../testing/memory-deps.js";
import { bootstrap } from "../tokens/bootstrap.js";
import { authenticate, createToken } from "../tokens/tokens.js";

export const SECRET = "3f1c9a2e-5b7d-4e8f-9a0b-1c2d3e4f5a6b";
export const NEW_SECRET = "9e8d7c6b-5a49-4382-a170-6f5e4d3c2b1a";

export const body = (overrides: Record<string, unknown> = {}) => ({
  provider: "scaleway",
  scalewayProjectId: "d4c3139f-3010-4e5f-9e73-0f2df2d242f0",
  region: "fr-par",
  namespace: "my-namespace",
  secretKey: SECRET,
  ...overrides,
});

/** Owner of org A, a project-`read` token of A, an admin token of org B, and a fake registry. */
export async function credentialSetup() {
  const registry = createFakeRegistryGateway();
  // The reader creates organization B, so any token may create organizations here.
  const deps = createMemoryDeps({ registry, settings: { orgCreation: "any" } });
  const { tokenValue } = await bootstrap(deps);
  const owner = await authenticate(deps, tokenValue);
  const orgId = owner.grants[0]?.orgId ?? "";
  const projectId = (await deps.orgs.listProjects(orgId))[0]?.id ?? "";
  const { value } = await createToken(deps, owner, orgId, {
    name: "reader",
    permissions: { org: [], projects: { [projectId]: ["read"] } },
  });
  const reader = await authenticate(deps, value);
  const orgB = await createOrg(deps, reader, { name: "org-b" });
  // A token issued in org B holds no grant in org A.
  const issued = await createToken(deps, await authenticate(deps, value), orgB.id, {
    name: "b-admin",
    permissions: { org: ["manage_integration", "manage_members"], projects: {} },
  });
  const ownerB = await authenticate(deps, issued.value);
  return { deps, registry, owner, reader, ownerB, orgId, projectId, orgBId: orgB.id };
}
