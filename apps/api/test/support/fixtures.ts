import type { TestApi } from "./start-api.js";

export const SCW_PROJECT_ID = "11111111-2222-4333-8444-555555555555";
/** Test secret keys: valid UUIDs whose appearance anywhere in output is a leak. */
export const SECRET_A = "5ec7e7a1-aaaa-4aaa-8aaa-00000000000a";
export const SECRET_B = "5ec7e7a1-bbbb-4bbb-8bbb-00000000000b";

export function credentialBody(overrides: Record<string, unknown> = {}) {
  return {
    provider: "scaleway",
    scalewayProjectId: SCW_PROJECT_ID,
    region: "fr-par",
    namespace: "my-namespace",
    secretKey: SECRET_A,
    description: "production images",
    ...overrides,
  };
}

/** The bootstrap organization and project (`default`) as the owner token sees them. */
export async function defaultOrg(api: TestApi): Promise<{ orgId: string; projectId: string }> {
  const me = await api.request("GET", "/v1/me");
  const orgId = me.body.organizations.find((o: { name: string }) => o.name === "default").id;
  const projectId = me.body.projects.find(
    (p: { orgId: string; name: string }) => p.orgId === orgId && p.name === "default",
  ).id;
  return { orgId, projectId };
}

export async function issueToken(
  api: TestApi,
  orgId: string,
  name: string,
  permissions: { org: string[]; projects: Record<string, string[]> },
  issuer?: string,
): Promise<string> {
  const res = await api.request("POST", `/v1/orgs/${orgId}/tokens`, { token: issuer, body: { name, permissions } });
  if (res.status !== 201) throw new Error(`token creation failed: ${res.status} ${res.text}`);
  return res.body.token;
}
