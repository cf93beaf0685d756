import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { createOrg, createProject, getMe, getOrg, listProjects } from "@regscan/core";
import type { AppDeps } from "../deps.js";
import type { AuthEnv } from "../http/auth.js";
import { jsonBody, jsonContent, OrgParams, problems } from "../schemas/common.js";
import {
  CreateOrgSchema,
  CreateProjectSchema,
  MeSchema,
  OrganizationSchema,
  orgJson,
  ProjectListSchema,
  ProjectSchema,
  projectJson,
} from "../schemas/org.js";

const security = [{ bearerAuth: [] }];

const me = createRoute({
  method: "get",
  path: "/v1/me",
  tags: ["Organizations"],
  security,
  summary: "Who am I: the caller, its organizations and projects with permissions",
  responses: { 200: jsonContent(MeSchema, "The caller"), ...problems() },
});
const postOrg = createRoute({
  method: "post",
  path: "/v1/orgs",
  tags: ["Organizations"],
  security,
  summary:
    "Create an organization (instance admin, or any token with REGSCAN_ORG_CREATION=any); the caller becomes its owner",
  request: { body: jsonBody(CreateOrgSchema) },
  responses: { 201: jsonContent(OrganizationSchema, "Created"), ...problems(403, 413, 415) },
});
const getOrgRoute = createRoute({
  method: "get",
  path: "/v1/orgs/{orgId}",
  tags: ["Organizations"],
  security,
  summary: "Get an organization",
  request: { params: OrgParams },
  responses: { 200: jsonContent(OrganizationSchema, "The organization"), ...problems(404) },
});
const postProject = createRoute({
  method: "post",
  path: "/v1/orgs/{orgId}/projects",
  tags: ["Projects"],
  security,
  summary: "Create a project (manage_members)",
  request: { params: OrgParams, body: jsonBody(CreateProjectSchema) },
  responses: { 201: jsonContent(ProjectSchema, "Created"), ...problems(403, 404, 409, 413, 415) },
});
const listProjectsRoute = createRoute({
  method: "get",
  path: "/v1/orgs/{orgId}/projects",
  tags: ["Projects"],
  security,
  summary: "List the organization's projects",
  request: { params: OrgParams },
  responses: { 200: jsonContent(ProjectListSchema, "Projects, oldest first"), ...problems(404) },
});

export function orgRoutes(deps: AppDeps) {
  return new OpenAPIHono<AuthEnv>()
    .openapi(me, async (c) => c.json(await getMe(deps.core, c.get("principal")), 200))
    .openapi(postOrg, async (c) => {
      const org = await createOrg(deps.core, c.get("principal"), c.req.valid("json"));
      return c.json(orgJson(org), 201);
    })
    .openapi(getOrgRoute, async (c) => {
      const org = await getOrg(deps.core, c.get("principal"), c.req.valid("param").orgId);
      return c.json(orgJson(org), 200);
    })
    .openapi(postProject, async (c) => {
      const { orgId } = c.req.valid("param");
      const project = await createProject(deps.core, c.get("principal"), orgId, c.req.valid("json"));
      return c.json(projectJson(project), 201);
    })
    .openapi(listProjectsRoute, async (c) => {
      const projects = await listProjects(deps.core, c.get("principal"), c.req.valid("param").orgId);
      return c.json({ items: projects.map(projectJson) }, 200);
    });
}
