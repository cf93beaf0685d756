import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { reencryptSecrets, setOrgFeatures } from "@regscan/core";
import type { AppDeps } from "../deps.js";
import type { AuthEnv } from "../http/auth.js";
import { BODY_PROBLEMS, jsonBody, jsonContent, OrgParams, problems, TOKEN_PROBLEMS } from "../schemas/common.js";
import { OrganizationSchema, orgJson, SetFeaturesSchema } from "../schemas/org.js";

const security = [{ bearerAuth: [] }];

const features = createRoute({
  method: "put",
  path: "/v1/admin/orgs/{orgId}/features",
  operationId: "setOrganizationFeatures",
  tags: ["Admin"],
  security,
  summary: "Set an organization's plan features (instance admin)",
  description: "Replaces the feature list; `container_scanning` lets the organization's projects start scans.",
  request: { params: OrgParams, body: jsonBody(SetFeaturesSchema) },
  responses: {
    200: jsonContent(OrganizationSchema, "Updated"),
    ...problems(403, 404, ...BODY_PROBLEMS, ...TOKEN_PROBLEMS),
  },
});

const ReencryptResultSchema = z
  .object({
    scanned: z.number().int(),
    reencrypted: z.number().int(),
    failed: z.array(z.object({ credentialId: z.string(), code: z.string() })),
  })
  .openapi("ReencryptResult");

const reencrypt = createRoute({
  method: "post",
  path: "/v1/admin/reencrypt",
  operationId: "reencryptSecrets",
  tags: ["Admin"],
  security,
  summary: "Re-encrypt every stored secret to the active master key (instance admin)",
  description:
    "Resumable and safe to repeat: rows already on the active key are skipped. `failed` lists the credentials no configured key opens.",
  responses: {
    200: jsonContent(ReencryptResultSchema, "Outcome"),
    ...problems(403, ...BODY_PROBLEMS, ...TOKEN_PROBLEMS),
  },
});

export function adminRoutes(deps: AppDeps) {
  return new OpenAPIHono<AuthEnv>()
    .openapi(features, async (c) => {
      const { orgId } = c.req.valid("param");
      const org = await setOrgFeatures(deps.core, c.get("principal"), orgId, c.req.valid("json").features);
      return c.json(orgJson(org), 200);
    })
    .openapi(reencrypt, async (c) => {
      const result = await reencryptSecrets(deps.core, { batchSize: 100, principal: c.get("principal") });
      return c.json(result, 200);
    });
}
