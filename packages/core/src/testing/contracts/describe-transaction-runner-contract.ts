import { describe, expect, it } from "vitest";
import { DomainError } from "../../errors/domain-error.js";
import type { StoredCredential } from "../../model/credential.js";
import type { Organization } from "../../model/organization.js";
import type { ApiToken } from "../../model/principal.js";
import type { Repositories, TransactionRunner } from "../../ports/repositories.js";
import { type MakeSubject, useSubject } from "./contract-subject.js";
import { scanJob } from "./describe-scan-repository-contract.js";

const T0 = Date.parse("2026-01-02T03:04:05.678Z");

const org = (id: string): Organization => ({ id, name: `Org ${id}`, features: [], createdAt: new Date(T0) });

function token(id: string, n: number, orgId = "org-a"): ApiToken {
  return {
    id,
    name: id,
    orgId,
    tokenHash: n.toString(16).padStart(64, "0"),
    instanceAdmin: false,
    grants: [{ orgId, owner: true, permissions: [], projects: {} }],
    createdAt: new Date(T0 + n),
    createdBy: "bootstrap",
  };
}

const credential = (id: string, orgId = "org-a"): StoredCredential => ({
  id,
  orgId,
  provider: "scaleway",
  scalewayProjectId: "6170692e-7073-4ee0-9a1f-0123456789ab",
  region: "fr-par",
  namespace: "ns",
  description: null,
  status: "unverified",
  createdAt: new Date(T0),
  createdBy: "t-1",
  updatedAt: new Date(T0),
  lastVerifiedAt: null,
  encryptedSecret: "v1.envelope",
});

const audit = (id: string, orgId = "org-a") => ({
  id,
  orgId,
  actorId: "t-1",
  action: "org.create" as const,
  targetType: "organization",
  targetId: orgId,
  at: new Date(T0),
  metadata: {},
});

/** Writes through every repository of `repos` (what a multi-step use case does). */
async function writeEverything(repos: Repositories, suffix: string): Promise<void> {
  await repos.orgs.createOrg(org(`org-${suffix}`));
  await repos.orgs.createProject({ id: `p-${suffix}`, orgId: `org-${suffix}`, name: "web", createdAt: new Date(T0) });
  await repos.tokens.create(token(`t-${suffix}`, suffix.length + 100, `org-${suffix}`));
  await repos.credentials.create(credential(`c-${suffix}`, `org-${suffix}`));
  await repos.audit.append(audit(`e-${suffix}`, `org-${suffix}`));
  await repos.scans.create(scanJob(`s-${suffix}`, 1, { orgId: `org-${suffix}` }), { maxQueued: 10 });
  await repos.idempotency.remember(
    { principalId: "t-1", key: `k-${suffix}`, requestHash: "h", scanId: `s-${suffix}`, createdAt: new Date(T0) },
    new Date(0),
  );
  await repos.inventories.put({
    digest: `sha256:${suffix.padStart(64, "0")}`,
    document: "{}",
    createdAt: new Date(T0),
  });
}

async function everything(repos: Repositories, suffix: string) {
  return {
    org: await repos.orgs.getOrg(`org-${suffix}`),
    project: await repos.orgs.getProject(`p-${suffix}`),
    token: await repos.tokens.get(`t-${suffix}`),
    credential: await repos.credentials.get(`org-${suffix}`, `c-${suffix}`),
    audit: (await repos.audit.list(`org-${suffix}`, { limit: 10 })).items.length,
    scan: await repos.scans.get(`org-${suffix}`, `s-${suffix}`),
    key: await repos.idempotency.find("t-1", `k-${suffix}`, new Date(0)),
    inventory: await repos.inventories.get(`sha256:${suffix.padStart(64, "0")}`),
  };
}

const NOTHING = {
  org: null,
  project: null,
  token: null,
  credential: null,
  audit: 0,
  scan: null,
  key: null,
  inventory: null,
};

/** A promise and the function that resolves it: lets a test hold a transaction open. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

/**
 * The behaviour every {@link TransactionRunner} (with the repositories it guards) must have. `make`
 * builds a fresh, empty store; its non-transactional repositories are the store's own fields.
 */
export function describeTransactionRunnerContract(make: MakeSubject<Repositories & TransactionRunner>): void {
  describe("TransactionRunner contract", () => {
    const store = useSubject(make);

    it("commits every write of a transaction that resolves, and returns its result", async () => {
      const result = await store().transaction(async (tx) => {
        await writeEverything(tx, "a");
        return 42;
      });
      expect(result).toBe(42);
      const seen = await everything(store(), "a");
      expect(seen).toMatchObject({ org: org("org-a"), audit: 1 });
      expect(seen.project && seen.token && seen.credential && seen.scan && seen.key && seen.inventory).toBeTruthy();
    });

    it("a failure mid-use-case leaves no partial write and propagates the error unchanged", async () => {
      const failure = new DomainError("conflict", "stop half-way");
      const error = await store()
        .transaction(async (tx) => {
          await writeEverything(tx, "a");
          throw failure;
        })
        .catch((e: unknown) => e);
      expect(error).toBe(failure);
      expect(await everything(store(), "a")).toEqual(NOTHING);
      expect(await store().orgs.countOrgs()).toBe(0);
    });

    it("a repository failure inside the transaction rolls back the writes before it", async () => {
      await store().tokens.create(token("t-taken", 7));
      const error = await store()
        .transaction(async (tx) => {
          await tx.orgs.createOrg(org("org-a"));
          await tx.audit.append(audit("e-1"));
          await tx.tokens.create({ ...token("t-new", 7), id: "t-new" }); // same hash: conflict
        })
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ name: "DomainError", code: "conflict" });
      expect(await store().orgs.getOrg("org-a")).toBeNull();
      expect((await store().audit.list("org-a", { limit: 10 })).items).toEqual([]);
    });

    it("reads inside see the transaction's writes; others see them only after the commit", async () => {
      const held = gate();
      const written = gate();
      const running = store().transaction(async (tx) => {
        await tx.orgs.createOrg(org("org-a"));
        expect(await tx.orgs.getOrg("org-a")).toEqual(org("org-a"));
        expect(await tx.orgs.countOrgs()).toBe(1);
        written.open();
        await held.opened;
      });
      await written.opened;
      expect(await store().orgs.getOrg("org-a")).toBeNull();
      held.open();
      await running;
      expect(await store().orgs.getOrg("org-a")).toEqual(org("org-a"));
    });

    it("runs concurrent read-then-write transactions one at a time (no lost update)", async () => {
      await store().orgs.createOrg(org("org-a"));
      const next = () =>
        store().transaction(async (tx) => {
          const n = (await tx.tokens.listByOrg("org-a")).length;
          await tx.tokens.create(token(`t-${n}`, n));
          return n;
        });
      const results = await Promise.all([next(), next(), next(), next(), next()]);
      expect([...results].sort()).toEqual([0, 1, 2, 3, 4]);
      expect((await store().tokens.listByOrg("org-a")).map((t) => t.id).sort()).toEqual([
        "t-0",
        "t-1",
        "t-2",
        "t-3",
        "t-4",
      ]);
    });

    it("a write outside transactions waits for the open one instead of failing or being lost", async () => {
      const held = gate();
      const written = gate();
      const running = store().transaction(async (tx) => {
        await tx.orgs.createOrg(org("org-a"));
        written.open();
        await held.opened;
        await tx.audit.append(audit("e-1"));
      });
      await written.opened;
      const outside = store().orgs.createOrg(org("org-b"));
      held.open();
      await Promise.all([running, outside]);
      expect((await store().orgs.getOrg("org-a"))?.id).toBe("org-a");
      expect((await store().orgs.getOrg("org-b"))?.id).toBe("org-b");
      expect((await store().audit.list("org-a", { limit: 10 })).items).toHaveLength(1);
    });

    it("stays usable after a rolled-back transaction", async () => {
      await store()
        .transaction(async (tx) => {
          await tx.orgs.createOrg(org("org-a"));
          throw new Error("boom");
        })
        .catch(() => undefined);
      await store().transaction((tx) => writeEverything(tx, "b"));
      await store().orgs.createOrg(org("org-a"));
      expect((await everything(store(), "b")).org?.id).toBe("org-b");
      expect(await store().orgs.countOrgs()).toBe(2);
    });
  });
}
