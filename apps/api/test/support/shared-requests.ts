/**
 * One table of requests, answered the same by the Node entry and the Worker (run against both by
 * test/workers/node-and-worker.test.ts, each on a fresh database bootstrapped with the same token):
 * statuses, content types and bodies, with ids, times, tokens and cursors normalised. Runs on any
 * runtime (no Node imports).
 */

export interface SharedVars {
  /** The Scaleway secret key the fake Scaleway API accepts (the test registry's password). */
  secretKey: string;
  [name: string]: string;
}

export interface SharedRequest {
  name: string;
  method: string;
  /** `{name}` is replaced by a remembered value. */
  path: string;
  /** Default: the bootstrap token. */
  token?: "none" | "invalid";
  body?: (vars: SharedVars) => unknown;
  rawBody?: string;
  status: number;
  /** Values of the answer kept for later rows. */
  remember?: (body: any) => Record<string, string>;
}

const credential = (secretKey: string) => ({
  provider: "scaleway",
  scalewayProjectId: "11111111-2222-4333-8444-555555555555",
  region: "fr-par",
  namespace: "regscan",
  secretKey,
});
const browse = "/v1/projects/{projectId}/credentials/{credentialId}/namespaces";

export const SHARED_REQUESTS: SharedRequest[] = [
  { name: "liveness", method: "GET", path: "/v1/health", token: "none", status: 200 },
  { name: "no token", method: "GET", path: "/v1/me", token: "none", status: 401 },
  { name: "an unknown token", method: "GET", path: "/v1/me", token: "invalid", status: 401 },
  {
    name: "the bootstrap owner",
    method: "GET",
    path: "/v1/me",
    status: 200,
    remember: (body) => ({ orgId: body.organizations[0].id, projectId: body.projects[0].id }),
  },
  { name: "the organization", method: "GET", path: "/v1/orgs/{orgId}", status: 200 },
  {
    name: "another organization",
    method: "GET",
    path: "/v1/orgs/00000000-0000-4000-8000-000000000000",
    status: 404,
  },
  {
    name: "a new project",
    method: "POST",
    path: "/v1/orgs/{orgId}/projects",
    body: () => ({ name: "team" }),
    status: 201,
  },
  {
    name: "the same name again",
    method: "POST",
    path: "/v1/orgs/{orgId}/projects",
    body: () => ({ name: "team" }),
    status: 409,
  },
  {
    name: "an unknown field",
    method: "POST",
    path: "/v1/orgs/{orgId}/projects",
    body: () => ({ name: "x", colour: "red" }),
    status: 400,
  },
  { name: "a body that is not JSON", method: "POST", path: "/v1/orgs/{orgId}/projects", rawBody: "{", status: 400 },
  {
    name: "a body over 64 KiB",
    method: "POST",
    path: "/v1/orgs/{orgId}/projects",
    body: () => ({ name: "x".repeat(70 * 1024) }),
    status: 413,
  },
  { name: "no such route", method: "GET", path: "/v1/nothing-here", status: 404 },
  { name: "the projects", method: "GET", path: "/v1/orgs/{orgId}/projects", status: 200 },
  {
    name: "a credential Scaleway refuses",
    method: "POST",
    path: "/v1/orgs/{orgId}/credentials",
    body: () => credential("00000000-1111-4222-8333-444444444444"),
    status: 422,
  },
  {
    name: "a credential",
    method: "POST",
    path: "/v1/orgs/{orgId}/credentials",
    body: (vars) => credential(vars.secretKey),
    status: 201,
    remember: (body) => ({ credentialId: body.id }),
  },
  { name: "the credentials", method: "GET", path: "/v1/orgs/{orgId}/credentials", status: 200 },
  { name: "the project's credentials", method: "GET", path: "/v1/projects/{projectId}/credentials", status: 200 },
  { name: "namespaces", method: "GET", path: browse, status: 200 },
  { name: "images", method: "GET", path: `${browse}/regscan/images`, status: 200 },
  { name: "tags", method: "GET", path: `${browse}/regscan/images/base/tags`, status: 200 },
  { name: "an unknown namespace", method: "GET", path: `${browse}/nope/images`, status: 404 },
  {
    name: "a scan of another registry's image",
    method: "POST",
    path: "/v1/projects/{projectId}/scans",
    body: (vars) => ({ credentialId: vars.credentialId, image: "docker.io/library/alpine:3.19" }),
    status: 400,
  },
  { name: "no scans yet", method: "GET", path: "/v1/projects/{projectId}/scans", status: 200 },
  { name: "an unknown scan", method: "GET", path: "/v1/projects/{projectId}/scans/nope", status: 404 },
  { name: "advisory status", method: "GET", path: "/v1/advisories/status", status: 200 },
  { name: "re-encryption", method: "POST", path: "/v1/admin/reencrypt", status: 200 },
  {
    name: "cancelling an unknown scan",
    method: "POST",
    path: "/v1/projects/{projectId}/scans/nope/cancel",
    status: 404,
  },
  {
    name: "a token",
    method: "POST",
    path: "/v1/orgs/{orgId}/tokens",
    body: () => ({ name: "ci", permissions: { org: [], projects: {} } }),
    status: 201,
  },
  { name: "the tokens", method: "GET", path: "/v1/orgs/{orgId}/tokens", status: 200 },
  {
    name: "plan features",
    method: "PUT",
    path: "/v1/admin/orgs/{orgId}/features",
    body: () => ({ features: ["container_scanning"] }),
    status: 200,
  },
  {
    name: "deleting the credential",
    method: "DELETE",
    path: "/v1/orgs/{orgId}/credentials/{credentialId}",
    status: 204,
  },
  { name: "the OpenAPI document", method: "GET", path: "/openapi.json", token: "none", status: 200 },
  // Last: it changes the advisory data (in the background) on both sides.
  { name: "the advisory refresh", method: "POST", path: "/v1/admin/advisories/refresh", status: 202 },
];

/** What is compared of an answer. */
export interface SharedAnswer {
  name: string;
  status: number;
  contentType: string | null;
  body: string;
}

/** Ids, times, tokens and cursors differ between two databases; everything else must not. */
export function normalize(text: string): string {
  return text
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, "<uuid>")
    .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z/g, "<time>")
    .replace(/rgs_[A-Za-z0-9_-]{16,}/g, "<token>")
    .replace(/"nextCursor":"[^"]+"/g, '"nextCursor":"<cursor>"');
}

/** Runs the table through `send` (one entry), returning the normalised answers in order. */
export async function runSharedRequests(
  send: (request: Request) => Promise<Response>,
  options: { origin: string; bootstrapToken: string; vars: SharedVars },
): Promise<SharedAnswer[]> {
  const vars: SharedVars = { ...options.vars };
  const fill = (path: string) => path.replace(/\{(\w+)\}/g, (_, name: string) => vars[name] ?? `{${name}}`);
  const answers: SharedAnswer[] = [];
  for (const row of SHARED_REQUESTS) {
    const headers: Record<string, string> = {};
    if (row.token === undefined) headers.authorization = `Bearer ${options.bootstrapToken}`;
    if (row.token === "invalid") headers.authorization = "Bearer rgs_not-a-token-of-this-instance";
    const body = row.body ? JSON.stringify(row.body(vars)) : row.rawBody;
    if (body !== undefined) headers["content-type"] = "application/json";
    const response = await send(
      new Request(options.origin + fill(row.path), {
        method: row.method,
        headers,
        ...(body === undefined ? {} : { body }),
      }),
    );
    const text = await response.text();
    if (row.remember && response.ok) Object.assign(vars, row.remember(JSON.parse(text)));
    answers.push({
      name: row.name,
      status: response.status,
      contentType: response.headers.get("content-type"),
      body: normalize(text),
    });
  }
  return answers;
}
