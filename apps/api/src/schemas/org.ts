import { z } from "@hono/zod-openapi";
import {
  type ApiToken,
  FEATURES,
  ORG_PERMISSIONS,
  type Organization,
  PROJECT_PERMISSIONS,
  type Project,
  toPublicToken,
} from "@regscan/core";
import { iso, Timestamp } from "./common.js";

const Name = z.string().min(1).max(100).openapi({ example: "platform-team" });

export const OrganizationSchema = z
  .object({ id: z.string(), name: z.string(), features: z.array(z.enum(FEATURES)), createdAt: Timestamp })
  .openapi("Organization");
export const CreateOrgSchema = z.object({ name: Name }).strict().openapi("CreateOrganization");
export const SetFeaturesSchema = z
  .object({ features: z.array(z.enum(FEATURES)) })
  .strict()
  .openapi("SetFeatures");

export const ProjectSchema = z
  .object({ id: z.string(), orgId: z.string(), name: z.string(), createdAt: Timestamp })
  .openapi("Project");
export const ProjectListSchema = z.object({ items: z.array(ProjectSchema) }).openapi("ProjectList");
export const CreateProjectSchema = z.object({ name: Name }).strict().openapi("CreateProject");

export const PermissionsSchema = z
  .object({
    org: z.array(z.enum(ORG_PERMISSIONS)),
    projects: z.record(z.string(), z.array(z.enum(PROJECT_PERMISSIONS))),
  })
  .strict()
  .openapi("TokenPermissions", {
    example: { org: ["manage_integration"], projects: { "<projectId>": ["read", "start_scan"] } },
  });

export const TokenSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    orgId: z.string(),
    permissions: PermissionsSchema,
    createdAt: Timestamp,
    createdBy: z.string(),
  })
  .openapi("Token");
export const CreatedTokenSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    token: z.string().openapi({ description: "Shown once; store it now." }),
    permissions: PermissionsSchema,
  })
  .openapi("CreatedToken");
export const TokenListSchema = z.object({ items: z.array(TokenSchema) }).openapi("TokenList");
export const CreateTokenSchema = z
  .object({ name: Name, permissions: PermissionsSchema })
  .strict()
  .openapi("CreateToken");

export const MeSchema = z
  .object({
    principal: z.object({ id: z.string(), name: z.string() }),
    organizations: z.array(
      z.object({ id: z.string(), name: z.string(), permissions: z.array(z.enum(ORG_PERMISSIONS)) }),
    ),
    projects: z.array(
      z.object({
        id: z.string(),
        orgId: z.string(),
        name: z.string(),
        permissions: z.array(z.enum(PROJECT_PERMISSIONS)),
      }),
    ),
  })
  .openapi("Me");

export const orgJson = (o: Organization) => ({
  id: o.id,
  name: o.name,
  features: o.features,
  createdAt: iso(o.createdAt),
});
export const projectJson = (p: Project) => ({ id: p.id, orgId: p.orgId, name: p.name, createdAt: iso(p.createdAt) });

/** JSON of a token (never its value or hash). */
export function tokenJson(t: ApiToken) {
  const pub = toPublicToken(t);
  return { ...pub, createdAt: iso(pub.createdAt) };
}
