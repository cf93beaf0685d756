import { describe, expect, it } from "vitest";
import type { StoredCredential } from "../../model/credential.js";
import type { CredentialRepository } from "../../ports/repositories.js";
import { domainError, type MakeSubject, useSubject } from "./contract-subject.js";

const T0 = Date.parse("2026-01-02T03:04:05.678Z");

function credential(id: string, orgId: string, n: number, overrides: Partial<StoredCredential> = {}): StoredCredential {
  return {
    id,
    orgId,
    provider: "scaleway",
    scalewayProjectId: "6170692e-7073-4ee0-9a1f-0123456789ab",
    region: "fr-par",
    namespace: `ns-${id}`,
    description: `credential ${id}`,
    status: "unverified",
    createdAt: new Date(T0 + n),
    createdBy: "t-1",
    updatedAt: new Date(T0 + n),
    lastVerifiedAt: null,
    encryptedSecret: `v1.k1.envelope-${id}`,
    ...overrides,
  };
}

/** The behaviour every {@link CredentialRepository} must have. */
export function describeCredentialRepositoryContract(make: MakeSubject<CredentialRepository>): void {
  describe("CredentialRepository contract", () => {
    const repo = useSubject(make);

    it.each([
      { name: "a new credential", input: credential("c-1", "org-a", 1) },
      { name: "without description", input: credential("c-1", "org-a", 1, { description: null }) },
      {
        name: "verified, other region, ms-precision dates",
        input: credential("c-1", "org-a", 1, {
          region: "pl-waw",
          namespace: "Team-NS",
          status: "active",
          lastVerifiedAt: new Date(T0 + 5001),
          updatedAt: new Date(T0 + 5002),
          description: "Ünïcødé ✓",
        }),
      },
    ])("round-trips $name", async ({ input }) => {
      await repo().create(input);
      const got = await repo().get("org-a", "c-1");
      expect(got).toEqual(input);
      expect(got?.createdAt).toBeInstanceOf(Date);
      expect(got?.lastVerifiedAt?.getTime()).toBe(input.lastVerifiedAt?.getTime());
    });

    it("rejects a duplicate id with conflict, also from another org", async () => {
      await repo().create(credential("c-1", "org-a", 1));
      await expect(repo().create(credential("c-1", "org-b", 2))).rejects.toMatchObject(domainError("conflict"));
      expect(await repo().get("org-b", "c-1")).toBeNull();
    });

    it("allows two credentials with the same namespace", async () => {
      await repo().create(credential("c-1", "org-a", 1, { namespace: "shared" }));
      await repo().create(credential("c-2", "org-a", 2, { namespace: "shared" }));
      expect(await repo().listByOrg("org-a")).toHaveLength(2);
    });

    it("updateSecret with an expected envelope writes only while the stored one still matches", async () => {
      const original = credential("c-1", "org-a", 1);
      await repo().create(original);
      expect(await repo().updateSecret("org-a", "c-1", "v1.k2.stale", new Date(T0 + 5), "v1.k0.not-current")).toBe(
        false,
      );
      expect(await repo().get("org-a", "c-1")).toEqual(original);
      expect(await repo().updateSecret("org-a", "c-1", "v1.k2.moved", new Date(T0 + 6), original.encryptedSecret)).toBe(
        true,
      );
      expect((await repo().get("org-a", "c-1"))?.encryptedSecret).toBe("v1.k2.moved");
    });

    it.each([
      { name: "an unknown id", orgId: "org-a", id: "c-missing" },
      { name: "another org's credential", orgId: "org-b", id: "c-1" },
    ])("get returns null for $name", async ({ orgId, id }) => {
      await repo().create(credential("c-1", "org-a", 1));
      expect(await repo().get(orgId, id)).toBeNull();
    });

    it("lists an organization's credentials oldest first, and only them", async () => {
      await repo().create(credential("c-a", "org-a", 3000));
      await repo().create(credential("c-b", "org-a", 1000));
      await repo().create(credential("c-c", "org-b", 500));
      await repo().create(credential("c-d", "org-a", 2000));
      const listed = await repo().listByOrg("org-a");
      expect(listed.map((c) => c.id)).toEqual(["c-b", "c-d", "c-a"]);
      expect(listed[0]).toEqual(credential("c-b", "org-a", 1000));
      expect(await repo().listByOrg("org-missing")).toEqual([]);
    });

    it("updateSecret replaces the envelope and updatedAt only", async () => {
      const original = credential("c-1", "org-a", 1);
      await repo().create(original);
      await repo().create(credential("c-2", "org-a", 2));
      expect(await repo().updateSecret("org-a", "c-1", "v1.k2.rotated", new Date(T0 + 7777))).toBe(true);
      expect(await repo().get("org-a", "c-1")).toEqual({
        ...original,
        encryptedSecret: "v1.k2.rotated",
        updatedAt: new Date(T0 + 7777),
      });
      expect(await repo().get("org-a", "c-2")).toEqual(credential("c-2", "org-a", 2));
    });

    it.each([
      { name: "an unknown id", orgId: "org-a", id: "c-missing" },
      { name: "another org's credential", orgId: "org-b", id: "c-1" },
    ])("updateSecret returns false for $name and changes nothing", async ({ orgId, id }) => {
      await repo().create(credential("c-1", "org-a", 1));
      expect(await repo().updateSecret(orgId, id, "v1.k2.stolen", new Date(T0 + 9))).toBe(false);
      expect(await repo().get("org-a", "c-1")).toEqual(credential("c-1", "org-a", 1));
    });

    it.each([
      {
        name: "active",
        patch: { status: "active" as const, lastVerifiedAt: new Date(T0 + 100), updatedAt: new Date(T0 + 101) },
      },
      {
        name: "invalid",
        patch: { status: "invalid" as const, lastVerifiedAt: new Date(T0 + 200), updatedAt: new Date(T0 + 201) },
      },
      {
        name: "back to unverified",
        patch: { status: "unverified" as const, lastVerifiedAt: null, updatedAt: new Date(T0 + 301) },
      },
    ])("updateStatus records $name", async ({ patch }) => {
      const original = credential("c-1", "org-a", 1, { status: "active", lastVerifiedAt: new Date(T0 + 50) });
      await repo().create(original);
      expect(await repo().updateStatus("org-a", "c-1", patch)).toBe(true);
      expect(await repo().get("org-a", "c-1")).toEqual({ ...original, ...patch });
    });

    it.each([
      { name: "an unknown id", orgId: "org-a", id: "c-missing" },
      { name: "another org's credential", orgId: "org-b", id: "c-1" },
    ])("updateStatus returns false for $name and changes nothing", async ({ orgId, id }) => {
      await repo().create(credential("c-1", "org-a", 1));
      const patch = { status: "invalid" as const, lastVerifiedAt: new Date(T0 + 9), updatedAt: new Date(T0 + 9) };
      expect(await repo().updateStatus(orgId, id, patch)).toBe(false);
      expect(await repo().get("org-a", "c-1")).toEqual(credential("c-1", "org-a", 1));
    });

    it("deletes a credential once", async () => {
      await repo().create(credential("c-1", "org-a", 1));
      await repo().create(credential("c-2", "org-a", 2));
      expect(await repo().delete("org-a", "c-1")).toBe(true);
      expect(await repo().delete("org-a", "c-1")).toBe(false);
      expect(await repo().get("org-a", "c-1")).toBeNull();
      expect((await repo().listByOrg("org-a")).map((c) => c.id)).toEqual(["c-2"]);
    });

    it.each([
      { name: "an unknown id", orgId: "org-a", id: "c-missing" },
      { name: "another org's credential", orgId: "org-b", id: "c-1" },
    ])("delete returns false for $name and keeps the credential", async ({ orgId, id }) => {
      await repo().create(credential("c-1", "org-a", 1));
      expect(await repo().delete(orgId, id)).toBe(false);
      expect(await repo().get("org-a", "c-1")).toEqual(credential("c-1", "org-a", 1));
    });

    it("listAfter walks every org's credentials ordered by id, in batches", async () => {
      // Created out of id order, in two orgs.
      for (const [id, orgId, n] of [
        ["c-4", "org-a", 1],
        ["c-1", "org-b", 2],
        ["c-5", "org-b", 3],
        ["c-2", "org-a", 4],
        ["c-3", "org-a", 5],
      ] as const) {
        await repo().create(credential(id, orgId, n));
      }
      const seen: string[] = [];
      let after: string | null = null;
      for (let i = 0; i < 10; i++) {
        const batch = await repo().listAfter(after, 2);
        expect(batch.length).toBeLessThanOrEqual(2);
        if (batch.length === 0) break;
        seen.push(...batch.map((c) => c.id));
        after = batch[batch.length - 1]?.id ?? null;
      }
      expect(seen).toEqual(["c-1", "c-2", "c-3", "c-4", "c-5"]);
      expect(await repo().listAfter("c-2", 100)).toEqual([
        credential("c-3", "org-a", 5),
        credential("c-4", "org-a", 1),
        credential("c-5", "org-b", 3),
      ]);
      expect(await repo().listAfter("c-5", 10)).toEqual([]);
    });

    it("listAfter on an empty repository is empty", async () => {
      expect(await repo().listAfter(null, 10)).toEqual([]);
    });

    it("returns copies: mutating a result does not change the stored credential", async () => {
      await repo().create(credential("c-1", "org-a", 1));
      const got = await repo().get("org-a", "c-1");
      if (got) {
        got.encryptedSecret = "mutated";
        got.createdAt.setTime(0);
      }
      expect(await repo().get("org-a", "c-1")).toEqual(credential("c-1", "org-a", 1));
    });
  });
}
