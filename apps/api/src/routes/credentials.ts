import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import {
  createCredential,
  deleteCredential,
  getOrgCredential,
  listOrgCredentials,
  rotateCredentialSecret,
  verifyCredential,
} from "@regscan/core";
import type { AppDeps } from "../deps.js";
import type { AuthEnv } from "../http/auth.js";
import {
  BODY_PROBLEMS,
  jsonBody,
  jsonContent,
  OrgCredentialParams,
  OrgParams,
  problems,
  TOKEN_PROBLEMS,
} from "../schemas/common.js";
import {
  CreateCredentialSchema,
  CredentialListSchema,
  CredentialSchema,
  credentialJson,
  RotateSecretSchema,
  VerifyQuery,
} from "../schemas/credential.js";

const security = [{ bearerAuth: [] }];
const tags = ["Credentials"];
/** Answers of a call to Scaleway: the credential rejected, rate-limited, Scaleway down. */
const upstream = [422, 429, 502] as const;

const postCredential = createRoute({
  method: "post",
  path: "/v1/orgs/{orgId}/credentials",
  operationId: "createCredential",
  tags,
  security,
  summary: "Store a Scaleway credential (manage_integration)",
  description:
    "The secret key is checked against Scaleway first (unless `?verify=false`), encrypted with AES-256-GCM and never returned, logged or stored in clear.",
  request: { params: OrgParams, query: VerifyQuery, body: jsonBody(CreateCredentialSchema) },
  responses: {
    201: jsonContent(CredentialSchema, "Stored (encrypted); the secret is never returned"),
    ...problems(403, 404, 409, ...BODY_PROBLEMS, ...upstream, ...TOKEN_PROBLEMS),
  },
});
const listCredentials = createRoute({
  method: "get",
  path: "/v1/orgs/{orgId}/credentials",
  operationId: "listOrganizationCredentials",
  tags,
  security,
  summary: "List the organization's credentials (manage_integration)",
  description: "Every credential of the organization, without any part of its secret.",
  request: { params: OrgParams },
  responses: {
    200: jsonContent(CredentialListSchema, "Credentials, oldest first"),
    ...problems(400, 403, 404, ...TOKEN_PROBLEMS),
  },
});
const getCredential = createRoute({
  method: "get",
  path: "/v1/orgs/{orgId}/credentials/{credentialId}",
  operationId: "getOrganizationCredential",
  tags,
  security,
  summary: "Get a credential (manage_integration)",
  description: "The credential's metadata and verification status, without any part of its secret.",
  request: { params: OrgCredentialParams },
  responses: { 200: jsonContent(CredentialSchema, "The credential"), ...problems(400, 403, 404, ...TOKEN_PROBLEMS) },
});
const deleteCredentialRoute = createRoute({
  method: "delete",
  path: "/v1/orgs/{orgId}/credentials/{credentialId}",
  operationId: "deleteCredential",
  tags,
  security,
  summary: "Delete a credential (manage_integration)",
  description: "Removes the credential and its encrypted secret; the deletion is audit-logged.",
  request: { params: OrgCredentialParams },
  responses: { 204: { description: "Deleted" }, ...problems(403, 404, ...BODY_PROBLEMS, ...TOKEN_PROBLEMS) },
});
const rotateSecret = createRoute({
  method: "put",
  path: "/v1/orgs/{orgId}/credentials/{credentialId}/secret",
  operationId: "rotateCredentialSecret",
  tags,
  security,
  summary: "Rotate the secret key (manage_integration)",
  description:
    "The new secret key is checked against Scaleway first (unless `?verify=false`), then replaces the old one.",
  request: { params: OrgCredentialParams, query: VerifyQuery, body: jsonBody(RotateSecretSchema) },
  responses: {
    200: jsonContent(CredentialSchema, "Rotated"),
    ...problems(403, 404, ...BODY_PROBLEMS, ...upstream, ...TOKEN_PROBLEMS),
  },
});
const verifyRoute = createRoute({
  method: "post",
  path: "/v1/orgs/{orgId}/credentials/{credentialId}/verify",
  operationId: "verifyCredential",
  tags,
  security,
  summary: "Re-check the credential against Scaleway (manage_integration)",
  description: "Updates `status` and `lastVerifiedAt`; a rejected key answers 422 saying why.",
  request: { params: OrgCredentialParams },
  responses: {
    200: jsonContent(CredentialSchema, "Verified"),
    ...problems(403, 404, ...BODY_PROBLEMS, ...upstream, ...TOKEN_PROBLEMS),
  },
});

export function credentialRoutes(deps: AppDeps) {
  return new OpenAPIHono<AuthEnv>()
    .openapi(postCredential, async (c) => {
      const { orgId } = c.req.valid("param");
      const verify = c.req.valid("query").verify !== "false";
      const credential = await createCredential(deps.core, c.get("principal"), orgId, c.req.valid("json"), { verify });
      return c.json(credentialJson(credential), 201);
    })
    .openapi(listCredentials, async (c) => {
      const items = await listOrgCredentials(deps.core, c.get("principal"), c.req.valid("param").orgId);
      return c.json({ items: items.map(credentialJson) }, 200);
    })
    .openapi(getCredential, async (c) => {
      const { orgId, credentialId } = c.req.valid("param");
      return c.json(credentialJson(await getOrgCredential(deps.core, c.get("principal"), orgId, credentialId)), 200);
    })
    .openapi(deleteCredentialRoute, async (c) => {
      const { orgId, credentialId } = c.req.valid("param");
      await deleteCredential(deps.core, c.get("principal"), orgId, credentialId);
      return c.body(null, 204);
    })
    .openapi(rotateSecret, async (c) => {
      const { orgId, credentialId } = c.req.valid("param");
      const verify = c.req.valid("query").verify !== "false";
      const { secretKey } = c.req.valid("json");
      const credential = await rotateCredentialSecret(
        deps.core,
        c.get("principal"),
        orgId,
        credentialId,
        { secretKey },
        { verify },
      );
      return c.json(credentialJson(credential), 200);
    })
    .openapi(verifyRoute, async (c) => {
      const { orgId, credentialId } = c.req.valid("param");
      return c.json(credentialJson(await verifyCredential(deps.core, c.get("principal"), orgId, credentialId)), 200);
    });
}
