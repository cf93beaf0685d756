import { describe, expect, it } from "vitest";
import type { CoreSettings } from "../deps.js";
import type { Principal } from "../model/principal.js";
import { createMemoryDeps } from "../testing/memory-deps.js";
import { createSequentialIds } from "../testing/sequential-ids.js";
import { bootstrap } from "../tokens/bootstrap.js";
import { authenticate, createToken } from "../tokens/tokens.js";
import { getMe } from "./get-me.js";
import { createOrg, getOrg, setOrgFeatures } from "./organizations.js";
import { createProject, getProject, listProjects } from "./projects.js";

async function setup(settings: Partial<CoreSettings> = { orgCreation: "any" }) {
  const deps = createMemoryDeps({ settings });
  const { tokenValue } = await bootstrap(deps);
  const admin = await authenticate(deps, tokenValue);
  const orgId = admin.grants[0]?.orgId ?? "";
  const { value } = await createToken(deps, admin, orgId, { name: "plain", permissions: { org: [], projects: {} } });
  const plain = await authenticate(deps, value);
  return { deps, admin, plain, orgId };
}

function fail(): never {
  throw new Error("id generator down");
}

describe("organizations", () => {
  it("createOrg makes the caller owner, with the default features (none unless configured)", async () => {
    const { deps, plain } = await setup();
    const org = await createOrg(deps, plain, { name: "acme" });
    expect(org.features).toEqual([]);
    expect(deps.audit.entries().at(-1)).toMatchObject({ action: "org.create", targetId: org.id, actorId: plain.id });
    const again = await authenticate(deps, "rgs_test_2");
    expect(again.grants.find((g) => g.orgId === org.id)).toMatchObject({ owner: true });
    expect(await getOrg(deps, again, org.id)).toEqual(org);
  });

  it.each([
    { name: "no setting (instance admins only)", settings: {}, who: "plain", code: "forbidden" },
    { name: "orgCreation admin", settings: { orgCreation: "admin" }, who: "plain", code: "forbidden" },
    { name: "orgCreation admin", settings: { orgCreation: "admin" }, who: "admin", code: null },
    { name: "orgCreation any", settings: { orgCreation: "any" }, who: "plain", code: null },
  ] as const)("createOrg with $name as $who → $code", async ({ settings, who, code }) => {
    const ctx = await setup(settings);
    const run = createOrg(ctx.deps, ctx[who], { name: "acme" });
    if (code) {
      await expect(run).rejects.toMatchObject({ code, message: expect.stringMatching(/REGSCAN_ORG_CREATION/) });
      expect(await ctx.deps.orgs.countOrgs()).toBe(1);
    } else {
      expect((await run).name).toBe("acme");
    }
  });

  it("new organizations get the configured default features; the bootstrap organization keeps all", async () => {
    const { deps, admin, orgId } = await setup({ orgCreation: "admin", defaultFeatures: ["container_scanning"] });
    expect((await createOrg(deps, admin, { name: "acme" })).features).toEqual(["container_scanning"]);
    expect((await deps.orgs.getOrg(orgId))?.features).toEqual(["container_scanning"]);
    const none = await setup({ orgCreation: "admin" });
    expect((await createOrg(none.deps, none.admin, { name: "acme" })).features).toEqual([]);
    expect((await none.deps.orgs.getOrg(none.orgId))?.features).toEqual(["container_scanning"]);
  });

  it("createOrg commits the organization, the owner grant and the audit entry together", async () => {
    const ids = createSequentialIds("x");
    let calls = 0;
    // Fails the id of the audit entry: the last step, after the organization and the grant.
    const failing = { next: () => (++calls === 2 ? fail() : ids.next()) };
    const { deps, plain } = await setup();
    const before = { orgs: await deps.orgs.countOrgs(), grants: (await deps.tokens.get(plain.id))?.grants };
    await expect(createOrg({ ...deps, ids: failing }, plain, { name: "acme" })).rejects.toThrow("id generator down");
    expect(await deps.orgs.countOrgs()).toBe(before.orgs);
    expect((await deps.tokens.get(plain.id))?.grants).toEqual(before.grants);
    expect(deps.audit.entries().filter((e) => e.action === "org.create")).toHaveLength(1); // bootstrap's
  });

  it.each([
    { name: "empty", input: { name: "" } },
    { name: "unknown field", input: { name: "a", plan: "gold" } },
    { name: "not an object", input: "acme" },
  ])("createOrg rejects $name input", async ({ input }) => {
    const { deps, plain } = await setup();
    await expect(createOrg(deps, plain, input)).rejects.toMatchObject({ code: "validation_failed" });
  });

  it("getOrg is not_found without a grant", async () => {
    const { deps, admin } = await setup();
    const stranger: Principal = { id: "s", name: "s", instanceAdmin: false, grants: [] };
    const org = await createOrg(deps, admin, { name: "acme" });
    await expect(getOrg(deps, stranger, org.id)).rejects.toMatchObject({ code: "not_found" });
  });

  it("setOrgFeatures is for instance admins", async () => {
    const { deps, admin, plain, orgId } = await setup();
    await expect(setOrgFeatures(deps, plain, orgId, [])).rejects.toMatchObject({ code: "forbidden" });
    await expect(setOrgFeatures(deps, admin, orgId, ["nope"])).rejects.toMatchObject({ code: "validation_failed" });
    await expect(setOrgFeatures(deps, admin, "missing", [])).rejects.toMatchObject({ code: "not_found" });
    await expect(setOrgFeatures(deps, admin, orgId, { features: [] })).rejects.toMatchObject({
      code: "validation_failed",
    });
    expect(await setOrgFeatures(deps, admin, orgId, [])).toMatchObject({ features: [] });
    expect((await deps.orgs.getOrg(orgId))?.features).toEqual([]);
    expect(deps.audit.entries().at(-1)).toMatchObject({ action: "org.features", metadata: { features: [] } });
  });
});

describe("projects", () => {
  it("creates, lists and gets projects", async () => {
    const { deps, admin, plain, orgId } = await setup();
    const p = await createProject(deps, admin, orgId, { name: "web" });
    expect((await listProjects(deps, plain, orgId)).map((x) => x.name)).toEqual(["default", "web"]);
    expect(await getProject(deps, admin, p.id)).toEqual(p);
    await expect(getProject(deps, plain, p.id)).rejects.toMatchObject({ code: "forbidden" });
    await expect(getProject(deps, admin, "missing")).rejects.toMatchObject({ code: "not_found" });
    await expect(createProject(deps, plain, orgId, { name: "x" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(createProject(deps, admin, orgId, { name: "web" })).rejects.toMatchObject({ code: "conflict" });
  });
});

describe("getMe", () => {
  it("shows an owner every permission and project, a limited token only its own", async () => {
    const { deps, admin, orgId } = await setup();
    const web = await createProject(deps, admin, orgId, { name: "web" });
    const { value } = await createToken(deps, admin, orgId, {
      name: "r",
      permissions: { org: ["manage_integration"], projects: { [web.id]: ["read"] } },
    });
    const limited = await authenticate(deps, value);
    const ownerView = await getMe(deps, admin);
    expect(ownerView.principal).toEqual({ id: admin.id, name: "bootstrap" });
    expect(ownerView.organizations).toEqual([
      { id: orgId, name: "default", permissions: ["manage_integration", "manage_members"] },
    ]);
    expect(ownerView.projects.map((p) => [p.name, p.permissions])).toEqual([
      ["default", ["read", "start_scan"]],
      ["web", ["read", "start_scan"]],
    ]);
    expect(await getMe(deps, limited)).toEqual({
      principal: { id: limited.id, name: "r" },
      organizations: [{ id: orgId, name: "default", permissions: ["manage_integration"] }],
      projects: [{ id: web.id, orgId, name: "web", permissions: ["read"] }],
    });
  });

  it.each([1, 10, 60])("reads the organizations and projects of %i grants with one repository call", async (count) => {
    const { deps, admin } = await setup();
    for (let i = 1; i < count; i++) await createOrg(deps, admin, { name: `org-${i}` });
    const principal = await authenticate(deps, "rgs_test_1");
    expect(principal.grants).toHaveLength(count);
    let reads = 0;
    const counting = new Proxy(deps.orgs, {
      get: (target, key) => {
        const value = Reflect.get(target, key);
        return typeof value === "function" ? (...args: unknown[]) => (reads++, value.apply(target, args)) : value;
      },
    });
    const me = await getMe({ ...deps, orgs: counting }, principal);
    expect(me.organizations).toHaveLength(count);
    expect(reads).toBe(1);
  });
});
