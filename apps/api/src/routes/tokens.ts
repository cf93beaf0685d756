import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { createToken, deleteToken, listTokens, toPublicToken } from "@regscan/core";
import type { AppDeps } from "../deps.js";
import type { AuthEnv } from "../http/auth.js";
import {
  BODY_PROBLEMS,
  jsonBody,
  jsonContent,
  OrgParams,
  problems,
  TOKEN_PROBLEMS,
  TokenParams,
} from "../schemas/common.js";
import { CreatedTokenSchema, CreateTokenSchema, TokenListSchema, tokenJson } from "../schemas/org.js";

const security = [{ bearerAuth: [] }];

const postToken = createRoute({
  method: "post",
  path: "/v1/orgs/{orgId}/tokens",
  operationId: "createToken",
  tags: ["Tokens"],
  security,
  summary: "Issue an API token (manage_members); the value is returned once",
  description:
    "The token gets at most the caller's own permissions. Only a hash of its value is stored: `token` in this answer is the only time the value is shown.",
  request: { params: OrgParams, body: jsonBody(CreateTokenSchema) },
  responses: {
    201: jsonContent(CreatedTokenSchema, "Created; store `token` now"),
    ...problems(403, 404, ...BODY_PROBLEMS, ...TOKEN_PROBLEMS),
  },
});
const listTokensRoute = createRoute({
  method: "get",
  path: "/v1/orgs/{orgId}/tokens",
  operationId: "listTokens",
  tags: ["Tokens"],
  security,
  summary: "List the tokens issued in the organization (manage_members)",
  description: "Names, permissions and dates; never a token's value.",
  request: { params: OrgParams },
  responses: {
    200: jsonContent(TokenListSchema, "Tokens, without their values"),
    ...problems(400, 403, 404, ...TOKEN_PROBLEMS),
  },
});
const deleteTokenRoute = createRoute({
  method: "delete",
  path: "/v1/orgs/{orgId}/tokens/{tokenId}",
  operationId: "revokeToken",
  tags: ["Tokens"],
  security,
  summary: "Revoke a token (manage_members)",
  description:
    "Owner and instance-admin tokens can only be revoked by an owner; the last instance-admin token cannot be revoked (409, `details.reason: last_instance_admin`).",
  request: { params: TokenParams },
  responses: { 204: { description: "Revoked" }, ...problems(403, 404, 409, ...BODY_PROBLEMS, ...TOKEN_PROBLEMS) },
});

export function tokenRoutes(deps: AppDeps) {
  return new OpenAPIHono<AuthEnv>()
    .openapi(postToken, async (c) => {
      const { orgId } = c.req.valid("param");
      const { token, value } = await createToken(deps.core, c.get("principal"), orgId, c.req.valid("json"));
      return c.json(
        { id: token.id, name: token.name, token: value, permissions: toPublicToken(token).permissions },
        201,
      );
    })
    .openapi(listTokensRoute, async (c) => {
      const tokens = await listTokens(deps.core, c.get("principal"), c.req.valid("param").orgId);
      return c.json({ items: tokens.map(tokenJson) }, 200);
    })
    .openapi(deleteTokenRoute, async (c) => {
      const { orgId, tokenId } = c.req.valid("param");
      await deleteToken(deps.core, c.get("principal"), orgId, tokenId);
      return c.body(null, 204);
    });
}
