import { describe, expect, it } from "vitest";
import type { Principal } from "../model/principal.js";
import { createProject } from "../orgs/projects.js";
import { createMemoryDeps, type MemoryDeps } from "../testing/memory-deps.js";
import { bootstrap } from "./bootstrap.js";
import { authenticate, createToken, deleteToken, listTokens, toPublicToken } from "./tokens.js";

async function setup() {
  const deps = createMemoryDeps();
  const { tokenValue } = await bootstrap(deps);
  const owner = await authenticate(deps, tokenValue);
  const orgId = owner.grants[0]?.orgId ?? "";
  const [project] = await deps.orgs.listProjects(orgId);
  const other = await createProject(deps, owner, orgId, { name: "other" });
  return { deps, owner, orgId, projectId: project?.id ?? "", otherProjectId: other.id };
}

describe("createToken", () => {
  it("returns the value once and stores only its hash", async () => {
    const { deps, owner, orgId, projectId } = await setup();
    const { token, value } = await createToken(deps, owner, orgId, {
      name: "ci",
      permissions: { org: ["manage_integration"], projects: { [projectId]: ["read"] } },
    });
    expect(value).toMatch(/^rgs_test_/);
    const stored = await deps.tokens.get(token.id);
    expect(JSON.stringify(stored)).not.toContain(value);
    expect(stored?.tokenHash).toBe(await deps.hasher.hash(value));
    expect(toPublicToken(token)).toEqual({
      id: token.id,
      name: "ci",
      orgId,
      permissions: { org: ["manage_integration"], projects: { [projectId]: ["read"] } },
      createdAt: deps.clock.now(),
      createdBy: owner.id,
    });
    const principal = await authenticate(deps, value);
    expect(principal).toMatchObject({ id: token.id, instanceAdmin: false });
    expect(deps.audit.entries().at(-1)).toMatchObject({
      action: "token.create",
      targetId: token.id,
      actorId: owner.id,
    });
  });

  it.each([
    {
      name: "a project of another org",
      projects: { "missing-project": ["read"] },
      path: "permissions.projects.missing-project",
    },
    { name: "an unknown permission", org: ["admin"], path: "permissions.org.0" },
    { name: "an empty name", tokenName: " ", path: "name" },
  ])("rejects $name with validation_failed", async ({ projects, org, tokenName, path }) => {
    const { deps, owner, orgId } = await setup();
    const err = await createToken(deps, owner, orgId, {
      name: tokenName ?? "t",
      permissions: { org: org ?? [], projects: projects ?? {} },
    }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "validation_failed", details: { fields: [expect.objectContaining({ path })] } });
  });

  it.each([
    { name: "an org permission it lacks", grant: { org: ["manage_integration"] }, status: "forbidden" },
    { name: "a project permission it lacks", grant: { projects: { P: ["start_scan"] } }, status: "forbidden" },
    { name: "permissions it holds", grant: { org: ["manage_members"], projects: { P: ["read"] } }, status: "ok" },
  ])("a manage_members token granting $name → $status", async ({ grant, status }) => {
    const { deps, owner, orgId, projectId } = await setup();
    const { value } = await createToken(deps, owner, orgId, {
      name: "manager",
      permissions: { org: ["manage_members"], projects: { [projectId]: ["read"] } },
    });
    const manager = await authenticate(deps, value);
    const projects = Object.fromEntries(Object.entries(grant.projects ?? {}).map(([, p]) => [projectId, p]));
    const result = createToken(deps, manager, orgId, {
      name: "child",
      permissions: { org: grant.org ?? [], projects },
    });
    if (status === "ok") await expect(result).resolves.toBeDefined();
    else await expect(result).rejects.toMatchObject({ code: status });
  });

  it("is not_found for a principal of another org", async () => {
    const { deps, orgId } = await setup();
    const stranger: Principal = { id: "x", name: "x", instanceAdmin: false, grants: [] };
    await expect(createToken(deps, stranger, orgId, { name: "t", permissions: {} })).rejects.toMatchObject({
      code: "not_found",
    });
  });
});

describe("listTokens / deleteToken", () => {
  it("lists and revokes tokens issued in the org", async () => {
    const { deps, owner, orgId } = await setup();
    const { token, value } = await createToken(deps, owner, orgId, {
      name: "ci",
      permissions: { org: [], projects: {} },
    });
    expect((await listTokens(deps, owner, orgId)).map((t) => t.name)).toEqual(["bootstrap", "ci"]);
    await deleteToken(deps, owner, orgId, token.id);
    await expect(authenticate(deps, value)).rejects.toMatchObject({ code: "unauthenticated" });
    await expect(deleteToken(deps, owner, orgId, token.id)).rejects.toMatchObject({ code: "not_found" });
    expect(deps.audit.entries().at(-1)).toMatchObject({ action: "token.delete", targetId: token.id });
  });

  it("lets only an owner revoke an owner token", async () => {
    const { deps, owner, orgId } = await setup();
    const { value } = await createToken(deps, owner, orgId, {
      name: "hr",
      permissions: { org: ["manage_members"], projects: {} },
    });
    const manager = await authenticate(deps, value);
    await expect(deleteToken(deps, manager, orgId, owner.id)).rejects.toMatchObject({ code: "forbidden" });
    await expect(deleteToken(deps, owner, orgId, manager.id)).resolves.toBeUndefined();
  });
});

describe("the last instance-admin token", () => {
  /** A second instance-admin owner token in the org, as a restore or an older version would leave. */
  async function secondAdmin(deps: MemoryDeps, owner: Principal): Promise<string> {
    const stored = (await deps.tokens.get(owner.id))!;
    await deps.tokens.create({ ...stored, id: "admin-2", name: "admin-2", tokenHash: "f".repeat(64) });
    return "admin-2";
  }

  it("cannot be revoked, even by itself, and stays valid", async () => {
    const { deps, owner, orgId } = await setup();
    const error = await deleteToken(deps, owner, orgId, owner.id).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "conflict", details: { reason: "last_instance_admin" } });
    expect((error as Error).message).toMatch(/last instance-admin token/);
    await expect(authenticate(deps, "rgs_test_1")).resolves.toMatchObject({ id: owner.id, instanceAdmin: true });
    expect(deps.audit.entries().some((e) => e.action === "token.delete")).toBe(false);
  });

  it("can be revoked while another instance-admin token exists", async () => {
    const { deps, owner, orgId } = await setup();
    await secondAdmin(deps, owner);
    await deleteToken(deps, owner, orgId, owner.id);
    expect(await deps.tokens.countInstanceAdmins()).toBe(1);
  });

  it("two revocations at once leave one instance-admin token (no race)", async () => {
    const { deps, owner, orgId } = await setup();
    const other = await secondAdmin(deps, owner);
    const outcomes = await Promise.allSettled([
      deleteToken(deps, owner, orgId, owner.id),
      deleteToken(deps, owner, orgId, other),
    ]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(outcomes.find((o) => o.status === "rejected")).toMatchObject({ reason: { code: "conflict" } });
    expect(await deps.tokens.countInstanceAdmins()).toBe(1);
  });
});

describe("token names", () => {
  it.each([
    { name: "a NUL", value: "ci\u0000", at: "U+0000" },
    { name: "a terminal escape", value: "\u001b[2Jci", at: "U+001B" },
    { name: "a C1 control", value: "ci\u009b", at: "U+009B" },
    { name: "a right-to-left override", value: "ci\u202egnp.exe", at: "U+202E" },
  ])("refuses $name, saying which character", async ({ value, at }) => {
    const { deps, owner, orgId } = await setup();
    const err = await createToken(deps, owner, orgId, { name: value, permissions: {} }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "validation_failed", details: { fields: [{ path: "name" }] } });
    expect((err as Error).message).toContain(at);
    expect((err as Error).message).toMatch(/position \d+/);
  });
});

describe("authenticate", () => {
  it.each([
    { name: "no value", value: undefined },
    { name: "an empty value", value: "" },
    { name: "an unknown value", value: "rgs_nope" },
  ])("rejects $name with unauthenticated", async ({ value }) => {
    const { deps } = await setup();
    await expect(authenticate(deps, value)).rejects.toMatchObject({ code: "unauthenticated" });
  });
});
