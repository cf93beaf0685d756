import { describe, expect, it } from "vitest";
import { deleteCredential, rotateCredentialSecret, verifyCredential } from "./change-credentials.js";
import { createCredential } from "./create-credential.js";
import { body, credentialSetup, NEW_SECRET, SECRET } from "./credential-test-setup.js";
import {
  getOrgCredential,
  getProjectCredential,
  listOrgCredentials,
  listProjectCredentials,
} from "./read-credentials.js";
import { toPublicCredential } from "./to-public-credential.js";
import { useCredential } from "./use-credential.js";

function failNow(): never {
  throw new Error("crashed");
}

describe("createCredential", () => {
  it.each([
    { name: "without verification", verify: false, status: "unverified", verified: false },
    { name: "with verification", verify: true, status: "active", verified: true },
  ])("stores the secret encrypted $name", async ({ verify, status, verified }) => {
    const { deps, owner, orgId } = await credentialSetup();
    const created = await createCredential(deps, owner, orgId, body({ description: "prod" }), { verify });
    expect(created).toMatchObject({
      orgId,
      status,
      namespace: "my-namespace",
      description: "prod",
      createdBy: owner.id,
    });
    expect(created.lastVerifiedAt).toEqual(verified ? deps.clock.now() : null);
    const stored = await deps.credentials.get(orgId, created.id);
    expect(stored?.encryptedSecret).not.toContain(SECRET);
    expect(await deps.cipher.decrypt(stored?.encryptedSecret ?? "", { orgId, credentialId: created.id })).toBe(SECRET);
    expect(deps.audit.entries().at(-1)).toMatchObject({
      action: "credential.create",
      targetId: created.id,
      metadata: { verified },
    });
    expect(JSON.stringify(created)).not.toContain(SECRET);
  });

  it("stores nothing when verification fails", async () => {
    const { deps, registry, owner, orgId } = await credentialSetup();
    registry.failWith("credential_invalid");
    await expect(createCredential(deps, owner, orgId, body(), { verify: true })).rejects.toMatchObject({
      code: "credential_invalid",
    });
    expect(await deps.credentials.listByOrg(orgId)).toEqual([]);
    expect(deps.audit.entries().some((e) => e.action === "credential.create")).toBe(false);
  });

  it.each([
    { name: "a project-read token", who: "reader", code: "forbidden" },
    { name: "an owner of another org", who: "ownerB", code: "not_found" },
  ] as const)("refuses $name with $code", async ({ who, code }) => {
    const setup = await credentialSetup();
    await expect(
      createCredential(setup.deps, setup[who], setup.orgId, body(), { verify: false }),
    ).rejects.toMatchObject({ code });
  });
});

describe("reading credentials", () => {
  it("shows an org's credentials to its projects, never the secret", async () => {
    const { deps, owner, reader, ownerB, orgId, projectId } = await credentialSetup();
    const c = await createCredential(deps, owner, orgId, body(), { verify: false });
    expect(await listOrgCredentials(deps, owner, orgId)).toEqual([c]);
    expect(await getOrgCredential(deps, owner, orgId, c.id)).toEqual(c);
    expect(await listProjectCredentials(deps, reader, projectId)).toEqual([c]);
    expect(await getProjectCredential(deps, reader, projectId, c.id)).toEqual(c);
    await expect(listOrgCredentials(deps, reader, orgId)).rejects.toMatchObject({ code: "forbidden" });
    await expect(getOrgCredential(deps, ownerB, orgId, c.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(listProjectCredentials(deps, ownerB, projectId)).rejects.toMatchObject({ code: "not_found" });
    await expect(getProjectCredential(deps, reader, projectId, "missing")).rejects.toMatchObject({ code: "not_found" });
  });

  it("toPublicCredential keeps no secret or ciphertext field", async () => {
    const { deps, owner, orgId } = await credentialSetup();
    const c = await createCredential(deps, owner, orgId, body(), { verify: false });
    const stored = await deps.credentials.get(orgId, c.id);
    if (!stored) throw new Error("not stored");
    for (const source of [stored, { ...stored, secretKey: SECRET }, { ...stored, extra: stored.encryptedSecret }]) {
      const view = toPublicCredential(source);
      expect(Object.keys(view).sort()).toEqual([
        "createdAt",
        "createdBy",
        "description",
        "id",
        "lastVerifiedAt",
        "namespace",
        "orgId",
        "provider",
        "region",
        "scalewayProjectId",
        "status",
        "updatedAt",
      ]);
      const json = JSON.stringify(view);
      expect(json).not.toContain(SECRET);
      expect(json).not.toContain(stored.encryptedSecret);
    }
  });
});

describe("rotate, delete, verify", () => {
  it("rotation writes the secret, its status and the audit entry together (nothing when a step fails)", async () => {
    const { deps, owner, orgId } = await credentialSetup();
    const c = await createCredential(deps, owner, orgId, body(), { verify: true });
    const before = await deps.credentials.get(orgId, c.id);
    const failing = { ...deps, ids: { next: () => failNow() } }; // the audit entry's id, the last step
    await expect(
      rotateCredentialSecret(failing, owner, orgId, c.id, { secretKey: NEW_SECRET }, { verify: false }),
    ).rejects.toThrow("crashed");
    expect(await deps.credentials.get(orgId, c.id)).toEqual(before);
    expect(deps.audit.entries().filter((e) => e.action === "credential.rotate")).toEqual([]);
  });

  it("rotates the secret; unverified unless verified", async () => {
    const { deps, registry, owner, orgId } = await credentialSetup();
    const c = await createCredential(deps, owner, orgId, body(), { verify: true });
    deps.clock.advance(1000);
    const rotated = await rotateCredentialSecret(
      deps,
      owner,
      orgId,
      c.id,
      { secretKey: NEW_SECRET },
      { verify: false },
    );
    expect(rotated).toMatchObject({ status: "unverified", lastVerifiedAt: null, updatedAt: deps.clock.now() });
    const stored = await deps.credentials.get(orgId, c.id);
    expect(await deps.cipher.decrypt(stored?.encryptedSecret ?? "", { orgId, credentialId: c.id })).toBe(NEW_SECRET);
    registry.failWith("credential_forbidden");
    await expect(
      rotateCredentialSecret(deps, owner, orgId, c.id, { secretKey: SECRET }, { verify: true }),
    ).rejects.toMatchObject({
      code: "credential_forbidden",
    });
    expect((await deps.credentials.get(orgId, c.id))?.encryptedSecret).toBe(stored?.encryptedSecret);
    expect(deps.audit.entries().filter((e) => e.action === "credential.rotate")).toHaveLength(1);
  });

  it("deletes once, audited", async () => {
    const { deps, owner, reader, orgId } = await credentialSetup();
    const c = await createCredential(deps, owner, orgId, body(), { verify: false });
    await expect(deleteCredential(deps, reader, orgId, c.id)).rejects.toMatchObject({ code: "forbidden" });
    await deleteCredential(deps, owner, orgId, c.id);
    await expect(deleteCredential(deps, owner, orgId, c.id)).rejects.toMatchObject({ code: "not_found" });
    expect(deps.audit.entries().at(-1)).toMatchObject({ action: "credential.delete", targetId: c.id });
  });

  it.each([
    { name: "success", failure: null, status: "active" },
    { name: "a revoked key", failure: "credential_invalid", status: "invalid" },
    { name: "a missing namespace", failure: "namespace_not_found", status: "invalid" },
    { name: "a transient upstream failure", failure: "upstream_unavailable", status: "unverified" },
  ] as const)("verify after $name → $status", async ({ failure, status }) => {
    const { deps, registry, owner, orgId } = await credentialSetup();
    const c = await createCredential(deps, owner, orgId, body(), { verify: false });
    registry.failWith(failure);
    const run = verifyCredential(deps, owner, orgId, c.id);
    if (failure) await expect(run).rejects.toMatchObject({ code: failure });
    else await expect(run).resolves.toMatchObject({ status: "active", lastVerifiedAt: deps.clock.now() });
    expect((await deps.credentials.get(orgId, c.id))?.status).toBe(status);
    expect(deps.audit.entries().at(-1)).toMatchObject({
      action: "credential.verify",
      metadata: { outcome: failure ?? "ok" },
    });
  });
});

describe("verifyCredential edge cases", () => {
  it("reports an undecryptable secret before a missing gateway", async () => {
    const { deps, owner, orgId } = await credentialSetup();
    const a = await createCredential(deps, owner, orgId, body(), { verify: false });
    const b = await createCredential(deps, owner, orgId, body({ namespace: "other-ns" }), { verify: false });
    await deps.credentials.updateSecret(
      orgId,
      b.id,
      (await deps.credentials.get(orgId, a.id))?.encryptedSecret ?? "",
      deps.clock.now(),
    );
    await expect(verifyCredential(deps, owner, orgId, b.id)).rejects.toMatchObject({ code: "secret_undecryptable" });
    const { registry: _, ...withoutGateway } = deps;
    await expect(verifyCredential(withoutGateway, owner, orgId, a.id)).rejects.toMatchObject({
      code: "upstream_unavailable",
    });
  });
});

describe("useCredential", () => {
  it("decrypts for a project reader and audits the use", async () => {
    const { deps, owner, reader, orgId, projectId } = await credentialSetup();
    const c = await createCredential(deps, owner, orgId, body(), { verify: false });
    const usable = await useCredential(deps, reader, projectId, c.id, "list_namespaces");
    expect(usable.secretKey).toBe(SECRET);
    const entry = deps.audit.entries().at(-1);
    expect(entry).toMatchObject({
      action: "credential.use",
      actorId: reader.id,
      metadata: { purpose: "list_namespaces", projectId },
    });
    expect(JSON.stringify(deps.audit.entries())).not.toContain(SECRET);
    await expect(useCredential(deps, reader, projectId, c.id, "scan", { action: "scan.start" })).rejects.toMatchObject({
      code: "forbidden",
    });
  });

  it("rejects a ciphertext copied onto another credential", async () => {
    const { deps, owner, reader, orgId, projectId } = await credentialSetup();
    const a = await createCredential(deps, owner, orgId, body(), { verify: false });
    const b = await createCredential(deps, owner, orgId, body({ namespace: "other-ns" }), { verify: false });
    const stolen = (await deps.credentials.get(orgId, a.id))?.encryptedSecret ?? "";
    await deps.credentials.updateSecret(orgId, b.id, stolen, deps.clock.now());
    await expect(useCredential(deps, reader, projectId, b.id, "pull")).rejects.toMatchObject({
      code: "secret_undecryptable",
    });
  });
});
