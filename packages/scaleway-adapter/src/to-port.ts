import type { Region, RegistryImage, RegistryNamespace, RegistryTag } from "@regscan/core";
import type { Registryv1 } from "@scaleway/sdk-registry";

/** SDK namespace (already camelCased by the SDK) → port type. */
export function toNamespace(ns: Registryv1.Namespace): RegistryNamespace {
  return {
    id: ns.id,
    name: ns.name,
    description: ns.description ?? "",
    endpoint: ns.endpoint,
    region: ns.region as Region,
    projectId: ns.projectId,
    status: ns.status,
    isPublic: ns.isPublic,
    imageCount: ns.imageCount,
    size: ns.size,
  };
}

export function toImage(image: Registryv1.Image): RegistryImage {
  return {
    id: image.id,
    name: image.name,
    namespaceId: image.namespaceId,
    status: image.status,
    visibility: image.visibility,
    size: image.size,
    tags: image.tags ?? [],
    createdAt: image.createdAt ?? null,
    updatedAt: image.updatedAt ?? null,
  };
}

export function toTag(tag: Registryv1.Tag): RegistryTag {
  return {
    id: tag.id,
    name: tag.name,
    imageId: tag.imageId,
    digest: tag.digest,
    status: tag.status,
    createdAt: tag.createdAt ?? null,
    updatedAt: tag.updatedAt ?? null,
  };
}
