import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { browseImages, browseNamespaces, browseTags } from "@regscan/core";
import type { AppDeps } from "../deps.js";
import type { AuthEnv } from "../http/auth.js";
import { jsonContent, problems, TOKEN_PROBLEMS } from "../schemas/common.js";
import {
  BrowseQuery,
  ImagePageSchema,
  ImageParams,
  imageJson,
  NamespacePageSchema,
  NamespaceParams,
  namespaceJson,
  TagPageSchema,
  TagParams,
  tagJson,
} from "../schemas/registry.js";

const security = [{ bearerAuth: [] }];
const tags = ["Registry"];
/** 422: Scaleway rejected the credential; 429: Scaleway kept rate-limiting; 502: Scaleway down. */
const errors = problems(400, 403, 404, 422, 502, ...TOKEN_PROBLEMS);
const base = "/v1/projects/{projectId}/credentials/{credentialId}/namespaces";

const namespaces = createRoute({
  method: "get",
  path: base,
  operationId: "listNamespaces",
  tags,
  security,
  summary: "Namespaces of the credential's Scaleway project in its region (project read)",
  description:
    "Listed from Scaleway with the credential's secret key and cached for REGSCAN_BROWSE_CACHE_TTL_SECONDS (`?refresh=true` bypasses the cache).",
  request: { params: NamespaceParams, query: BrowseQuery },
  responses: { 200: jsonContent(NamespacePageSchema, "One page of namespaces"), ...errors },
});
const images = createRoute({
  method: "get",
  path: `${base}/{namespace}/images`,
  operationId: "listImages",
  tags,
  security,
  summary: "Images of a namespace (project read)",
  description: "404 `namespace_not_found` names the region or spelling where a namespace of that name exists.",
  request: { params: ImageParams, query: BrowseQuery },
  responses: { 200: jsonContent(ImagePageSchema, "One page of images"), ...errors },
});
const tagList = createRoute({
  method: "get",
  path: `${base}/{namespace}/images/{image}/tags`,
  operationId: "listTags",
  tags,
  security,
  summary: "Tags of an image, each with its pullable reference (project read)",
  description: "Each tag's `imageRef` is what POST …/scans takes as `image`. An image name with `/` is URL-encoded.",
  request: { params: TagParams, query: BrowseQuery },
  responses: { 200: jsonContent(TagPageSchema, "One page of tags"), ...errors },
});

const options = (q: {
  limit: number;
  cursor?: string | undefined;
  q?: string | undefined;
  refresh?: "true" | "false" | undefined;
}) => ({
  limit: q.limit,
  cursor: q.cursor,
  q: q.q,
  refresh: q.refresh === "true",
});

export function registryRoutes(deps: AppDeps) {
  // A cached listing is still checked against its credential's row (deleted? rotated?): that row
  // comes from the short-lived cache (REGSCAN_AUTH_CACHE_SECONDS, cleared by every write).
  const credentials = deps.core.credentials;
  const rows = deps.shortLived.browseCredentials;
  const browse = {
    ...deps.core,
    credentials: {
      ...credentials,
      get: (orgId: string, id: string) => rows.get(`${orgId}/${id}`, () => credentials.get(orgId, id)),
    },
    cache: deps.browseCache,
  };
  return new OpenAPIHono<AuthEnv>()
    .openapi(namespaces, async (c) => {
      const p = c.req.valid("param");
      const page = await browseNamespaces(
        browse,
        c.get("principal"),
        p.projectId,
        p.credentialId,
        options(c.req.valid("query")),
      );
      return c.json({ items: page.items.map(namespaceJson), nextCursor: page.nextCursor }, 200);
    })
    .openapi(images, async (c) => {
      const p = c.req.valid("param");
      const page = await browseImages(
        browse,
        c.get("principal"),
        p.projectId,
        p.credentialId,
        p.namespace,
        options(c.req.valid("query")),
      );
      return c.json({ items: page.items.map(imageJson), nextCursor: page.nextCursor }, 200);
    })
    .openapi(tagList, async (c) => {
      const p = c.req.valid("param");
      const page = await browseTags(
        browse,
        c.get("principal"),
        p.projectId,
        p.credentialId,
        p.namespace,
        p.image,
        options(c.req.valid("query")),
      );
      return c.json({ items: page.items.map(tagJson), nextCursor: page.nextCursor }, 200);
    });
}
