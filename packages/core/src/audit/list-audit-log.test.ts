import { describe, expect, it } from "vitest";
import { createCredential } from "../credentials/create-credential.js";
import { body, credentialSetup } from "../credentials/credential-test-setup.js";
import { listAuditLog } from "./list-audit-log.js";

describe("listAuditLog", () => {
  it("pages the org's trail newest first for manage_integration holders", async () => {
    const { deps, owner, orgId } = await credentialSetup();
    deps.clock.advance(1000);
    const c = await createCredential(deps, owner, orgId, body(), { verify: false });
    const first = await listAuditLog(deps, owner, orgId, { limit: 1 });
    expect(first.items).toEqual([expect.objectContaining({ action: "credential.create", targetId: c.id })]);
    expect(first.nextCursor).toEqual(expect.any(String));
    const rest = await listAuditLog(deps, owner, orgId, { limit: 100, cursor: first.nextCursor ?? undefined });
    expect(rest.items.map((e) => e.action)).toContain("org.create");
    expect(rest.nextCursor).toBeNull();
  });

  it.each([
    { name: "a project reader", who: "reader", page: { limit: 10 }, code: "forbidden" },
    { name: "another org's admin", who: "ownerB", page: { limit: 10 }, code: "not_found" },
    { name: "a zero limit", who: "owner", page: { limit: 0 }, code: "validation_failed" },
    { name: "a limit over 100", who: "owner", page: { limit: 101 }, code: "validation_failed" },
  ] as const)("refuses $name with $code", async ({ who, page, code }) => {
    const setup = await credentialSetup();
    await expect(listAuditLog(setup.deps, setup[who], setup.orgId, page)).rejects.toMatchObject({ code });
  });
});
