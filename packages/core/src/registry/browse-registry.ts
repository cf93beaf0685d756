import { credentialNotFound } from "../credentials/credential-errors.js";
import { useCredential } from "../credentials/use-credential.js";
import type { CoreDeps } from "../deps.js";
import { DomainError } from "../errors/domain-error.js";
import type { UsableCredential } from "../model/credential.js";
import type { Principal } from "../model/principal.js";
import { loadProject } from "../orgs/projects.js";
import type { RegistryGateway, RegistryImage, RegistryNamespace, RegistryTag } from "../ports/registry-gateway.js";
import type { Page } from "../ports/repositories.js";
import type { BrowseCache } from "./browse-cache.js";
import { type BrowseOptions, pageByName } from "./browse-page.js";

/** What the browse use cases need: the core deps (with a registry gateway) and a listing cache. */
export type BrowseDeps = CoreDeps & { cache: BrowseCache };

/** A tag with its full pullable reference (`rg.fr-par.scw.cloud/ns/image:tag`). */
export type BrowsedTag = RegistryTag & { imageRef: string };

/**
 * The namespaces of the credential's Scaleway project in its region (project `read`), one page,
 * sorted by name, filtered by `q`. Listings are cached per credential; `refresh` bypasses.
 */
export async function browseNamespaces(
  deps: BrowseDeps,
  principal: Principal,
  projectId: string,
  credentialId: string,
  options: BrowseOptions = {},
): Promise<Page<RegistryNamespace>> {
  const items = await cachedListing(
    deps,
    principal,
    projectId,
    credentialId,
    ["namespaces"],
    options,
    (gateway, credential) => gateway.listNamespaces(credential),
  );
  return pageByName(items, options);
}

/** The images of a namespace (project `read`), one page. */
export async function browseImages(
  deps: BrowseDeps,
  principal: Principal,
  projectId: string,
  credentialId: string,
  namespace: string,
  options: BrowseOptions = {},
): Promise<Page<RegistryImage>> {
  const items = await cachedListing(
    deps,
    principal,
    projectId,
    credentialId,
    ["images", namespace],
    options,
    (gateway, credential) => gateway.listImages(credential, namespace),
  );
  return pageByName(items, options);
}

/** The tags of an image (project `read`), one page, each with its `imageRef`. */
export async function browseTags(
  deps: BrowseDeps,
  principal: Principal,
  projectId: string,
  credentialId: string,
  namespace: string,
  image: string,
  options: BrowseOptions = {},
): Promise<Page<BrowsedTag>> {
  const items = await cachedListing(
    deps,
    principal,
    projectId,
    credentialId,
    ["tags", namespace, image],
    options,
    async (gateway, credential): Promise<BrowsedTag[]> =>
      (await gateway.listTags(credential, namespace, image)).map((tag) => ({
        ...tag,
        imageRef: tag.imageRef ?? `rg.${credential.region}.scw.cloud/${namespace}/${image}:${tag.name}`,
      })),
  );
  return pageByName(items, options);
}

const PURPOSES = { namespaces: "list_namespaces", images: "list_images", tags: "list_tags" } as const;

/**
 * The full listing, from the cache when fresh. Authorization runs on every call (a cache hit
 * never skips it); the secret is decrypted (and its use audited) only when the registry is asked.
 * The key holds the credential's `updatedAt`, so a rotated secret never serves the old listing.
 */
async function cachedListing<T>(
  deps: BrowseDeps,
  principal: Principal,
  projectId: string,
  credentialId: string,
  path: [keyof typeof PURPOSES, ...string[]],
  options: BrowseOptions,
  load: (gateway: RegistryGateway, credential: UsableCredential) => Promise<T[]>,
): Promise<T[]> {
  const project = await loadProject(deps, principal, projectId, "registry.browse");
  const stored = await deps.credentials.get(project.orgId, credentialId);
  if (!stored) throw credentialNotFound();
  const key = JSON.stringify([project.orgId, credentialId, stored.updatedAt.getTime(), ...path]);
  if (!options.refresh) {
    const hit = await deps.cache.get<T[]>(key);
    if (hit) return hit;
  }
  const gateway = deps.registry;
  if (!gateway) throw new DomainError("internal", "No container registry gateway is configured.");
  const credential = await useCredential(deps, principal, projectId, credentialId, PURPOSES[path[0]]);
  const items = await load(gateway, credential);
  await deps.cache.set(key, items);
  return items;
}
