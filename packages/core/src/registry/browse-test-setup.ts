import { DomainError } from "../errors/domain-error.js";
import type { Principal } from "../model/principal.js";
import type { RegistryGateway, RegistryImage, RegistryNamespace, RegistryTag } from "../ports/registry-gateway.js";
import { createMemoryDeps } from "../testing/memory-deps.js";
import { createMemoryBrowseCache } from "./browse-cache.js";
import type { BrowseDeps } from "./browse-registry.js";

export const SECRET = "3f1c9a2e-5b7d-4e8f-9a0b-1c2d3e4f5a6b";
const AT = new Date("2026-01-01T00:00:00Z");

export const namespace = (name: string): RegistryNamespace => ({
  id: `ns-${name}`,
  name,
  description: "",
  endpoint: `rg.fr-par.scw.cloud/${name}`,
  region: "fr-par",
  projectId: "d4c3139f-3010-4e5f-9e73-0f2df2d242f0",
  status: "ready",
  isPublic: false,
  imageCount: 0,
  size: 0,
});

export const image = (name: string): RegistryImage => ({
  id: `img-${name}`,
  name,
  namespaceId: "ns-1",
  status: "ready",
  visibility: "inherit",
  size: 1,
  tags: [],
  createdAt: AT,
  updatedAt: AT,
});

export const tag = (name: string, imageRef?: string): RegistryTag => ({
  id: `tag-${name}`,
  name,
  imageId: "img-1",
  digest: `sha256:${"a".repeat(64)}`,
  status: "ready",
  createdAt: AT,
  updatedAt: AT,
  ...(imageRef ? { imageRef } : {}),
});

/** A RegistryGateway returning fixed listings; records each call and the secret it was given. */
export function listingGateway(data: {
  namespaces?: RegistryNamespace[];
  images?: RegistryImage[];
  tags?: RegistryTag[];
}) {
  const calls: string[] = [];
  const secrets: string[] = [];
  let failure: DomainError | null = null;
  const record = (call: string, secretKey: string) => {
    calls.push(call);
    secrets.push(secretKey);
    if (failure) throw failure;
  };
  const gateway: RegistryGateway = {
    registryHost: (c) => `rg.${c.region}.scw.cloud`,
    verify: async () => undefined,
    listNamespaces: async (c) => (record("namespaces", c.secretKey), data.namespaces ?? []),
    listImages: async (c, ns) => (record(`images ${ns}`, c.secretKey), data.images ?? []),
    listTags: async (c, ns, img) => (record(`tags ${ns} ${img}`, c.secretKey), data.tags ?? []),
    pullSource: async () => {
      throw new DomainError("tag_not_found", "not used");
    },
  };
  return { gateway, calls, secrets, failWith: (e: DomainError | null) => void (failure = e) };
}

/** An org with one project and one credential; an owner, a reader, a stranger and a no-permission member. */
export async function browseSetup(gateway: RegistryGateway) {
  const core = createMemoryDeps({ registry: gateway, now: AT });
  const deps: BrowseDeps = { ...core, cache: createMemoryBrowseCache({ ttlMs: 30_000, clock: core.clock }) };
  const orgId = "org-a";
  const projectId = "project-a";
  const credentialId = "cred-a";
  await core.orgs.createOrg({ id: orgId, name: "acme", features: ["container_scanning"], createdAt: AT });
  await core.orgs.createProject({ id: projectId, orgId, name: "web", createdAt: AT });
  await core.credentials.create({
    id: credentialId,
    orgId,
    provider: "scaleway",
    scalewayProjectId: "d4c3139f-3010-4e5f-9e73-0f2df2d242f0",
    region: "fr-par",
    namespace: "my-namespace",
    description: null,
    status: "active",
    createdAt: AT,
    createdBy: "owner",
    updatedAt: AT,
    lastVerifiedAt: AT,
    encryptedSecret: await core.cipher.encrypt(SECRET, { orgId, credentialId }),
  });
  const principal = (id: string, grant: Principal["grants"]): Principal => ({
    id,
    name: id,
    instanceAdmin: false,
    grants: grant,
  });
  return {
    deps,
    core,
    projectId,
    credentialId,
    orgId,
    reader: principal("reader", [{ orgId, owner: false, permissions: [], projects: { [projectId]: ["read"] } }]),
    scanner: principal("scanner", [
      { orgId, owner: false, permissions: [], projects: { [projectId]: ["start_scan"] } },
    ]),
    stranger: principal("stranger", [{ orgId: "org-b", owner: true, permissions: [], projects: {} }]),
  };
}
