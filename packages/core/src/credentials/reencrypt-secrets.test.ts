import { describe, expect, it } from "vitest";
import type { Principal } from "../model/principal.js";
import { createCredential } from "./create-credential.js";
import { body, credentialSetup, SECRET } from "./credential-test-setup.js";
import { reencryptSecrets } from "./reencrypt-secrets.js";

async function withCredentials(count: number) {
  const setup = await credentialSetup();
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    ids.push(
      (
        await createCredential(setup.deps, setup.owner, setup.orgId, body({ namespace: `ns-${i}-abc` }), {
          verify: false,
        })
      ).id,
    );
  }
  return { ...setup, ids };
}

async function secrets(setup: Awaited<ReturnType<typeof withCredentials>>) {
  const rows = await setup.deps.credentials.listByOrg(setup.orgId);
  return Promise.all(
    rows.map((r) => setup.deps.cipher.decrypt(r.encryptedSecret, { orgId: r.orgId, credentialId: r.id })),
  );
}

describe("reencryptSecrets", () => {
  it.each([1, 2, 5, 100])("moves every row to the active key with batch size %i", async (batchSize) => {
    const setup = await withCredentials(5);
    setup.deps.cipher.rotate("k2");
    const result = await reencryptSecrets(setup.deps, { batchSize });
    expect(result).toEqual({ scanned: 5, reencrypted: 5, failed: [] });
    const rows = await setup.deps.credentials.listByOrg(setup.orgId);
    expect(rows.every((r) => !setup.deps.cipher.needsReencryption(r.encryptedSecret))).toBe(true);
    setup.deps.cipher.forget("k1");
    expect(await secrets(setup)).toEqual(Array(5).fill(SECRET));
    // One entry per batch that changed something, committed with that batch's writes.
    const entries = setup.deps.audit.entries().filter((e) => e.action === "credential.reencrypt");
    expect(entries).toHaveLength(Math.ceil(5 / batchSize));
    expect(entries.every((e) => e.actorId === "system" && e.metadata.failed === 0)).toBe(true);
    expect(entries.reduce((n, e) => n + (e.metadata.reencrypted as number), 0)).toBe(5);
  });

  it("does nothing when every row is on the active key", async () => {
    const setup = await withCredentials(3);
    expect(await reencryptSecrets(setup.deps, { batchSize: 2 })).toEqual({ scanned: 3, reencrypted: 0, failed: [] });
    expect(setup.deps.audit.entries().some((e) => e.action === "credential.reencrypt")).toBe(false);
  });

  it("resumes after a crash half-way, skipping rows already re-encrypted", async () => {
    const setup = await withCredentials(5);
    setup.deps.cipher.rotate("k2");
    const real = setup.deps.cipher.encrypt;
    let sealed = 0;
    setup.deps.cipher.encrypt = async (...args) => {
      if (++sealed === 3) throw new Error("process killed");
      return real(...args);
    };
    await expect(reencryptSecrets(setup.deps, { batchSize: 2 })).rejects.toThrow("process killed");
    setup.deps.cipher.encrypt = real;
    // The first batch committed (with its audit entry); the second wrote nothing.
    expect(setup.deps.audit.entries().filter((e) => e.action === "credential.reencrypt")).toHaveLength(1);
    expect(await reencryptSecrets(setup.deps, { batchSize: 2 })).toEqual({ scanned: 5, reencrypted: 3, failed: [] });
    setup.deps.cipher.forget("k1");
    expect(await secrets(setup)).toEqual(Array(5).fill(SECRET));
  });

  it("never overwrites a secret rotated while the batch was being re-encrypted", async () => {
    const setup = await withCredentials(2);
    setup.deps.cipher.rotate("k2");
    const [first] = setup.ids;
    const rotated = await setup.deps.cipher.encrypt("rotated-meanwhile", {
      orgId: setup.orgId,
      credentialId: first ?? "",
    });
    const realDecrypt = setup.deps.cipher.decrypt;
    let rotatedOnce = false;
    setup.deps.cipher.decrypt = async (envelope, binding) => {
      // A rotation lands between the batch read and the write.
      if (!rotatedOnce && binding.credentialId === first) {
        rotatedOnce = true;
        await setup.deps.credentials.updateSecret(setup.orgId, first, rotated, setup.deps.clock.now());
      }
      return realDecrypt(envelope, binding);
    };
    const result = await reencryptSecrets(setup.deps, { batchSize: 10 });
    expect(result).toEqual({ scanned: 2, reencrypted: 1, failed: [] });
    const row = await setup.deps.credentials.get(setup.orgId, first ?? "");
    expect(await realDecrypt(row!.encryptedSecret, { orgId: setup.orgId, credentialId: first ?? "" })).toBe(
      "rotated-meanwhile",
    );
  });

  it("reports rows it cannot decrypt and leaves them untouched", async () => {
    const setup = await withCredentials(3);
    const [, second] = setup.ids;
    const row = await setup.deps.credentials.get(setup.orgId, second ?? "");
    await setup.deps.credentials.updateSecret(
      setup.orgId,
      second ?? "",
      `${row?.encryptedSecret.slice(0, -4)}AAAA`,
      setup.deps.clock.now(),
    );
    setup.deps.cipher.rotate("k2");
    const result = await reencryptSecrets(setup.deps, { batchSize: 10 });
    expect(result).toEqual({
      scanned: 3,
      reencrypted: 2,
      failed: [{ credentialId: second, code: "secret_undecryptable" }],
    });
    expect(setup.deps.audit.entries().at(-1)).toMatchObject({ metadata: { reencrypted: 2, failed: 1 } });
  });

  it("requires an instance admin when run for a principal", async () => {
    const setup = await withCredentials(1);
    const plain: Principal = { ...setup.reader };
    await expect(reencryptSecrets(setup.deps, plain, { batchSize: 10 })).rejects.toMatchObject({ code: "forbidden" });
    await expect(reencryptSecrets(setup.deps, { principal: plain })).rejects.toMatchObject({ code: "forbidden" });
    setup.deps.cipher.rotate("k2");
    expect(await reencryptSecrets(setup.deps, setup.owner, { batchSize: 1 })).toMatchObject({ reencrypted: 1 });
    expect(setup.deps.audit.entries().at(-1)).toMatchObject({
      action: "credential.reencrypt",
      actorId: setup.owner.id,
    });
  });
});
