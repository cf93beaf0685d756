import { describe, expect, it } from "vitest";
import { createMemoryDeps } from "../testing/memory-deps.js";
import { createSequentialIds } from "../testing/sequential-ids.js";
import { bootstrap } from "./bootstrap.js";
import { authenticate } from "./tokens.js";

const VALUE = "rgs_bootstrap-value-0123456789";

function failNow(): never {
  throw new Error("disk full");
}

describe("bootstrap", () => {
  it("creates org default, project default and an instance-admin owner token on an empty database", async () => {
    const deps = createMemoryDeps();
    const result = await bootstrap(deps);
    expect(result).toEqual({ created: true, tokenValue: "rgs_test_1" });
    const principal = await authenticate(deps, "rgs_test_1");
    expect(principal.instanceAdmin).toBe(true);
    const [grant] = principal.grants;
    expect(grant?.owner).toBe(true);
    const org = await deps.orgs.getOrg(grant?.orgId ?? "");
    expect(org).toMatchObject({ name: "default", features: ["container_scanning"] });
    expect((await deps.orgs.listProjects(org?.id ?? "")).map((p) => p.name)).toEqual(["default"]);
    expect(deps.audit.entries().map((e) => e.action)).toEqual(["org.create", "project.create", "token.create"]);
  });

  it("uses the given token value and does not return it", async () => {
    const deps = createMemoryDeps();
    expect(await bootstrap(deps, { tokenValue: "my-bootstrap-token-value" })).toEqual({ created: true });
    await expect(authenticate(deps, "my-bootstrap-token-value")).resolves.toMatchObject({ instanceAdmin: true });
  });

  it("is idempotent", async () => {
    const deps = createMemoryDeps();
    await bootstrap(deps);
    expect(await bootstrap(deps)).toEqual({ created: false });
    expect(await deps.orgs.countOrgs()).toBe(1);
  });

  it("rejects a short token value without echoing it", async () => {
    const deps = createMemoryDeps();
    const err = await bootstrap(deps, { tokenValue: "short-secret" }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "validation_failed" });
    expect(String((err as Error).message)).not.toContain("short-secret");
  });
});

describe("bootstrap is atomic and restores a lost instance admin", () => {
  it("leaves nothing behind when a step fails half-way, so the next start bootstraps again", async () => {
    const deps = createMemoryDeps();
    let calls = 0;
    const ids = createSequentialIds("boot");
    // Calls 1-3 are the org, project and token ids; call 5 is the second audit entry.
    const failing = { ...deps, ids: { next: () => (++calls === 5 ? failNow() : ids.next()) } };
    await expect(bootstrap(failing, { tokenValue: VALUE })).rejects.toThrow("disk full");
    expect(await deps.orgs.countOrgs()).toBe(0);
    expect(await deps.tokens.countInstanceAdmins()).toBe(0);
    expect(deps.audit.entries()).toEqual([]);
    expect(await bootstrap(deps, { tokenValue: VALUE })).toEqual({ created: true });
    await expect(authenticate(deps, VALUE)).resolves.toMatchObject({ instanceAdmin: true });
  });

  it("bootstraps once when two starts run at the same time", async () => {
    const deps = createMemoryDeps();
    const results = await Promise.all([bootstrap(deps), bootstrap(deps), bootstrap(deps)]);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(results.filter((r) => r.tokenValue)).toHaveLength(1);
    expect(await deps.orgs.countOrgs()).toBe(1);
    expect(await deps.tokens.countInstanceAdmins()).toBe(1);
  });

  it("restores the instance-admin token from REGSCAN_BOOTSTRAP_TOKEN when none is left (audited)", async () => {
    const deps = createMemoryDeps();
    await bootstrap(deps, { tokenValue: VALUE });
    const admin = await authenticate(deps, VALUE);
    await deps.tokens.delete(admin.id); // lost: e.g. an old version let it revoke itself
    await expect(authenticate(deps, VALUE)).rejects.toMatchObject({ code: "unauthenticated" });

    expect(await bootstrap(deps, { tokenValue: VALUE })).toEqual({ created: false, restored: true });
    const restored = await authenticate(deps, VALUE);
    expect(restored).toMatchObject({ instanceAdmin: true, grants: [{ orgId: admin.grants[0]?.orgId, owner: true }] });
    expect(deps.audit.entries().at(-1)).toMatchObject({
      action: "token.create",
      actorId: "system",
      targetId: restored.id,
      metadata: { restored: true },
    });
    expect(await bootstrap(deps, { tokenValue: VALUE })).toEqual({ created: false });
    expect(await deps.tokens.countInstanceAdmins()).toBe(1);
  });

  it("says an admin is missing when it cannot restore one (no token value)", async () => {
    const deps = createMemoryDeps();
    await bootstrap(deps, { tokenValue: VALUE });
    await deps.tokens.delete((await authenticate(deps, VALUE)).id);
    expect(await bootstrap(deps)).toEqual({ created: false, adminMissing: true });
    expect(await deps.tokens.countInstanceAdmins()).toBe(0);
  });

  it("refuses to restore with the value of an existing non-admin token", async () => {
    const deps = createMemoryDeps();
    await bootstrap(deps, { tokenValue: VALUE });
    const admin = await authenticate(deps, VALUE);
    const other = "rgs_ci-token-value-0123456789";
    const stored = (await deps.tokens.get(admin.id))!;
    await deps.tokens.create({ ...stored, id: "t-ci", instanceAdmin: false, tokenHash: await deps.hasher.hash(other) });
    await deps.tokens.delete(admin.id);
    await expect(bootstrap(deps, { tokenValue: other })).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringMatching(/REGSCAN_BOOTSTRAP_TOKEN/),
    });
    expect(await deps.tokens.countInstanceAdmins()).toBe(0);
  });
});
