import { z } from "@hono/zod-openapi";
import { REGIONS, type RegistryImage, type RegistryNamespace, type RegistryTag } from "@regscan/core";
import { iso, Timestamp } from "./common.js";

const pathParam = (name: string, description: string) =>
  z
    .string()
    .min(1)
    .max(300)
    .openapi({ param: { name, in: "path" }, description });

export const NamespaceParams = z.object({
  projectId: pathParam("projectId", "regscan project id"),
  credentialId: pathParam("credentialId", "credential id"),
});
export const ImageParams = NamespaceParams.extend({
  namespace: pathParam("namespace", "Scaleway namespace name (case-sensitive)"),
});
export const TagParams = ImageParams.extend({
  image: pathParam("image", "Image name; a name containing `/` is URL-encoded (`%2F`)"),
});

export const BrowseQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(100).openapi({ description: "1..100, default 100" }),
  cursor: z.string().max(500).optional().openapi({ description: "`nextCursor` of the previous page" }),
  q: z.string().max(200).optional().openapi({ description: "Case-insensitive substring of the name" }),
  refresh: z.enum(["true", "false"]).optional().openapi({ description: "Bypass the short-lived listing cache" }),
});

const Status = z.enum(["unknown", "ready", "deleting", "error", "locked"]);

export const NamespaceSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    endpoint: z.string(),
    region: z.enum(REGIONS),
    status: Status,
    isPublic: z.boolean(),
    imageCount: z.number().int(),
    size: z.number().int(),
  })
  .openapi("Namespace");
export const ImageSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    status: Status,
    visibility: z.enum(["visibility_unknown", "inherit", "public", "private"]),
    size: z.number().int(),
    tags: z.array(z.string()),
    updatedAt: Timestamp.nullable(),
  })
  .openapi("Image");
export const TagSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    digest: z.string(),
    status: Status,
    createdAt: Timestamp.nullable(),
    updatedAt: Timestamp.nullable(),
    imageRef: z.string().openapi({ example: "rg.fr-par.scw.cloud/my-namespace/api:1.4.2" }),
  })
  .openapi("Tag");

const page = <T extends z.ZodType>(item: T, name: string) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() }).openapi(name);
export const NamespacePageSchema = page(NamespaceSchema, "NamespacePage");
export const ImagePageSchema = page(ImageSchema, "ImagePage");
export const TagPageSchema = page(TagSchema, "TagPage");

export const namespaceJson = (n: RegistryNamespace) => ({
  id: n.id,
  name: n.name,
  description: n.description,
  endpoint: n.endpoint,
  region: n.region,
  status: n.status,
  isPublic: n.isPublic,
  imageCount: n.imageCount,
  size: n.size,
});
export const imageJson = (i: RegistryImage) => ({
  id: i.id,
  name: i.name,
  status: i.status,
  visibility: i.visibility,
  size: i.size,
  tags: i.tags,
  updatedAt: iso(i.updatedAt),
});
export const tagJson = (t: RegistryTag & { imageRef: string }) => ({
  id: t.id,
  name: t.name,
  digest: t.digest,
  status: t.status,
  createdAt: iso(t.createdAt),
  updatedAt: iso(t.updatedAt),
  imageRef: t.imageRef,
});
