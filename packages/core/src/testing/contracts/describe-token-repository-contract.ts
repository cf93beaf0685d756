import { describe, expect, it } from "vitest";
import type { ApiToken, OrgGrant } from "../../model/principal.js";
import type { TokenRepository } from "../../ports/repositories.js";
import { domainError, type MakeSubject, useSubject } from "./contract-subject.js";

const T0 = Date.parse("2026-01-02T03:04:05.678Z");

function hash(n: number): string {
  return n.toString(16).padStart(64, "0");
}

function token(id: string, n: number, overrides: Partial<ApiToken> = {}): ApiToken {
  return {
    id,
    name: `token ${id}`,
    orgId: "org-a",
    tokenHash: hash(n),
    instanceAdmin: false,
    grants: [{ orgId: "org-a", owner: false, permissions: ["manage_integration"], projects: { "p-1": ["read"] } }],
    createdAt: new Date(T0 + n),
    createdBy: "bootstrap",
    ...overrides,
  };
}

/** Grants carry no meaningful order; compare them sorted by organization. */
function byOrg(grants: OrgGrant[]): OrgGrant[] {
  return [...grants].sort((a, b) => (a.orgId < b.orgId ? -1 : a.orgId > b.orgId ? 1 : 0));
}

function normalized(t: ApiToken | null): ApiToken | null {
  return t && { ...t, grants: byOrg(t.grants) };
}

/** The behaviour every {@link TokenRepository} must have. */
export function describeTokenRepositoryContract(make: MakeSubject<TokenRepository>): void {
  describe("TokenRepository contract", () => {
    const repo = useSubject(make);

    it.each([
      { name: "a plain token", input: token("t-1", 1) },
      {
        name: "an instance admin owner",
        input: token("t-1", 1, {
          instanceAdmin: true,
          grants: [
            { orgId: "org-a", owner: true, permissions: ["manage_integration", "manage_members"], projects: {} },
          ],
        }),
      },
      { name: "a token without grants", input: token("t-1", 1, { grants: [] }) },
      {
        name: "grants in several orgs with several projects",
        input: token("t-1", 1, {
          grants: [
            {
              orgId: "org-a",
              owner: false,
              permissions: [],
              projects: { "p-1": ["read", "start_scan"], "p-2": ["read"], "p-3": [] },
            },
            { orgId: "org-b", owner: true, permissions: ["manage_members"], projects: {} },
          ],
        }),
      },
    ])("round-trips $name by id and by hash", async ({ input }) => {
      await repo().create(input);
      expect(normalized(await repo().get(input.id))).toEqual(normalized(input));
      expect(normalized(await repo().findByHash(input.tokenHash))).toEqual(normalized(input));
      expect((await repo().get(input.id))?.createdAt.getTime()).toBe(input.createdAt.getTime());
    });

    it("returns null for an unknown id or hash", async () => {
      await repo().create(token("t-1", 1));
      expect(await repo().get("t-missing")).toBeNull();
      expect(await repo().findByHash(hash(2))).toBeNull();
    });

    it.each([
      { name: "same id", second: token("t-1", 2) },
      { name: "same token hash", second: token("t-2", 1) },
    ])("rejects a duplicate ($name) with conflict", async ({ second }) => {
      await repo().create(token("t-1", 1));
      await expect(repo().create(second)).rejects.toMatchObject(domainError("conflict"));
      expect(await repo().listByOrg("org-a")).toHaveLength(1);
    });

    it("lists the tokens issued in an organization oldest first, and only them", async () => {
      await repo().create(token("t-a", 3));
      await repo().create(token("t-b", 1));
      await repo().create(token("t-c", 0, { orgId: "org-b" }));
      await repo().create(token("t-d", 2));
      const listed = await repo().listByOrg("org-a");
      expect(listed.map((t) => t.id)).toEqual(["t-b", "t-d", "t-a"]);
      expect(normalized(listed[0] ?? null)).toEqual(normalized(token("t-b", 1)));
      expect(await repo().listByOrg("org-missing")).toEqual([]);
    });

    it("putGrant adds a grant for a new organization", async () => {
      await repo().create(token("t-1", 1));
      const grant: OrgGrant = {
        orgId: "org-b",
        owner: true,
        permissions: ["manage_integration", "manage_members"],
        projects: {},
      };
      await repo().putGrant("t-1", grant);
      expect(byOrg((await repo().get("t-1"))?.grants ?? [])).toEqual(byOrg([...token("t-1", 1).grants, grant]));
    });

    it("putGrant replaces the grant of an organization and leaves the others", async () => {
      const other: OrgGrant = { orgId: "org-b", owner: false, permissions: [], projects: { "p-9": ["read"] } };
      await repo().create(token("t-1", 1, { grants: [...token("t-1", 1).grants, other] }));
      const replaced: OrgGrant = {
        orgId: "org-a",
        owner: false,
        permissions: [],
        projects: { "p-1": ["start_scan"], "p-2": ["read"] },
      };
      await repo().putGrant("t-1", replaced);
      expect(byOrg((await repo().get("t-1"))?.grants ?? [])).toEqual(byOrg([replaced, other]));
      expect(byOrg((await repo().findByHash(hash(1)))?.grants ?? [])).toEqual(byOrg([replaced, other]));
    });

    it("putGrant on one token leaves other tokens alone", async () => {
      await repo().create(token("t-1", 1));
      await repo().create(token("t-2", 2));
      await repo().putGrant("t-1", { orgId: "org-a", owner: true, permissions: [], projects: {} });
      expect(normalized(await repo().get("t-2"))).toEqual(normalized(token("t-2", 2)));
    });

    it("deletes a token: true once, then false, and it is gone by id, hash and listing", async () => {
      await repo().create(token("t-1", 1));
      await repo().create(token("t-2", 2));
      expect(await repo().delete("t-1")).toBe(true);
      expect(await repo().delete("t-1")).toBe(false);
      expect(await repo().get("t-1")).toBeNull();
      expect(await repo().findByHash(hash(1))).toBeNull();
      expect((await repo().listByOrg("org-a")).map((t) => t.id)).toEqual(["t-2"]);
    });

    it("counts the instance-admin tokens, deleted ones no more", async () => {
      expect(await repo().countInstanceAdmins()).toBe(0);
      await repo().create(token("t-1", 1, { instanceAdmin: true }));
      await repo().create(token("t-2", 2));
      await repo().create(token("t-3", 3, { instanceAdmin: true, orgId: "org-b" }));
      expect(await repo().countInstanceAdmins()).toBe(2);
      await repo().delete("t-1");
      expect(await repo().countInstanceAdmins()).toBe(1);
    });

    it("putGrant on an unknown token is not_found", async () => {
      await expect(
        repo().putGrant("t-missing", { orgId: "org-a", owner: true, permissions: [], projects: {} }),
      ).rejects.toMatchObject(domainError("not_found"));
    });

    it("returns false when deleting an unknown token", async () => {
      expect(await repo().delete("t-missing")).toBe(false);
    });

    it("frees the id and hash of a deleted token, without stale grants", async () => {
      await repo().create(token("t-1", 1));
      await repo().delete("t-1");
      const again = token("t-1", 1, { grants: [] });
      await repo().create(again);
      expect(await repo().get("t-1")).toEqual(again);
    });

    it("returns copies: mutating a result does not change the stored token", async () => {
      await repo().create(token("t-1", 1));
      const got = await repo().get("t-1");
      got?.grants[0]?.permissions.push("manage_members");
      got?.grants.push({ orgId: "org-z", owner: true, permissions: [], projects: {} });
      expect(normalized(await repo().get("t-1"))).toEqual(normalized(token("t-1", 1)));
    });
  });
}
