import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { createOrg, createProject, getMe, getOrg, listProjects } from "@regscan/core";
import type { AppDeps } from "../deps.js";
import type { AuthEnv } from "../http/auth.js";
import { BODY_PROBLEMS, jsonBody, jsonContent, OrgParams, problems, TOKEN_PROBLEMS } from "../schemas/common.js";
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
  operationId: "getMe",
  tags: ["Organizations"],
  security,
  summary: "Who am I: the caller, its organizations and projects with permissions",
  description:
    "Any valid token: the token itself and every organization and project it reaches, with its permissions there.",
  responses: { 200: jsonContent(MeSchema, "The caller"), ...problems(...TOKEN_PROBLEMS) },
});
const postOrg = createRoute({
  method: "post",
  path: "/v1/orgs",
  operationId: "createOrganization",
  tags: ["Organizations"],
  security,
  summary: "Create an organization; the caller becomes its owner",
  description:
    "Instance admin, or any token when the API runs with REGSCAN_ORG_CREATION=any. The organization gets the plan features of REGSCAN_DEFAULT_FEATURES.",
  request: { body: jsonBody(CreateOrgSchema) },
  responses: {
    201: jsonContent(OrganizationSchema, "Created"),
    ...problems(403, ...BODY_PROBLEMS, ...TOKEN_PROBLEMS),
  },
});
const getOrgRoute = createRoute({
  method: "get",
  path: "/v1/orgs/{orgId}",
  operationId: "getOrganization",
  tags: ["Organizations"],
  security,
  summary: "Get an organization",
  description: "Members of the organization: its name and plan features. Any other caller gets 404.",
  request: { params: OrgParams },
  responses: { 200: jsonContent(OrganizationSchema, "The organization"), ...problems(400, 404, ...TOKEN_PROBLEMS) },
});
const postProject = createRoute({
  method: "post",
  path: "/v1/orgs/{orgId}/projects",
  operationId: "createProject",
  tags: ["Projects"],
  security,
  summary: "Create a project (manage_members)",
  description: "A project name is unique within its organization (409 otherwise).",
  request: { params: OrgParams, body: jsonBody(CreateProjectSchema) },
  responses: {
    201: jsonContent(ProjectSchema, "Created"),
    ...problems(403, 404, 409, ...BODY_PROBLEMS, ...TOKEN_PROBLEMS),
  },
});
const listProjectsRoute = createRoute({
  method: "get",
  path: "/v1/orgs/{orgId}/projects",
  operationId: "listProjects",
  tags: ["Projects"],
  security,
  summary: "List the organization's projects",
  description: "Members of the organization; any other caller gets 404.",
  request: { params: OrgParams },
  responses: {
    200: jsonContent(ProjectListSchema, "Projects, oldest first"),
    ...problems(400, 404, ...TOKEN_PROBLEMS),
  },
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
