import { describe, expect, it } from "vitest";
import { createMemoryDeps } from "../testing/memory-deps.js";
import { bootstrap } from "./bootstrap.js";
import { authenticate } from "./tokens.js";

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
