import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { getProjectCredential, listProjectCredentials } from "@regscan/core";
import type { AppDeps } from "../deps.js";
import type { AuthEnv } from "../http/auth.js";
import { jsonContent, ProjectCredentialParams, ProjectParams, problems, TOKEN_PROBLEMS } from "../schemas/common.js";
import { CredentialListSchema, CredentialSchema, credentialJson } from "../schemas/credential.js";

const security = [{ bearerAuth: [] }];
const tags = ["Credentials"];

const list = createRoute({
  method: "get",
  path: "/v1/projects/{projectId}/credentials",
  operationId: "listProjectCredentials",
  tags,
  security,
  summary: "Credentials usable from the project (project read)",
  description: "The credentials of the project's organization, without any part of their secrets.",
  request: { params: ProjectParams },
  responses: {
    200: jsonContent(CredentialListSchema, "Credentials of the project's organization"),
    ...problems(400, 403, 404, ...TOKEN_PROBLEMS),
  },
});
const get = createRoute({
  method: "get",
  path: "/v1/projects/{projectId}/credentials/{credentialId}",
  operationId: "getProjectCredential",
  tags,
  security,
  summary: "One credential usable from the project (project read)",
  description: "A credential of the project's organization, without any part of its secret.",
  request: { params: ProjectCredentialParams },
  responses: { 200: jsonContent(CredentialSchema, "The credential"), ...problems(400, 403, 404, ...TOKEN_PROBLEMS) },
});

export function projectCredentialRoutes(deps: AppDeps) {
  return new OpenAPIHono<AuthEnv>()
    .openapi(list, async (c) => {
      const items = await listProjectCredentials(deps.core, c.get("principal"), c.req.valid("param").projectId);
      return c.json({ items: items.map(credentialJson) }, 200);
    })
    .openapi(get, async (c) => {
      const { projectId, credentialId } = c.req.valid("param");
      return c.json(
        credentialJson(await getProjectCredential(deps.core, c.get("principal"), projectId, credentialId)),
        200,
      );
    });
}
