import { createClient } from "@libsql/client";
import {
  describeAuditLogContract,
  describeCredentialRepositoryContract,
  describeOrgRepositoryContract,
  describeTokenRepositoryContract,
  describeTransactionRunnerContract,
} from "@regscan/core/testing/contracts";
import { describe, expect, it } from "vitest";
import { openTempDatabase } from "../test/temp-database.js";
import { createLibsqlStore } from "./libsql-store.js";

async function store() {
  const t = await openTempDatabase();
  return { store: createLibsqlStore(t.db, { writeDb: t.writeDb, busyTimeoutMs: t.busyTimeoutMs }), close: t.close };
}

// The same contracts as the in-memory store: the use cases' transactions behave the same on both.
describe("libSQL store (temp file)", () => {
  describeTransactionRunnerContract(async () => {
    const { store: repo, close } = await store();
    return { repo, close };
  });
  // Its repositories (writes queued behind the store's write lock) still pass the repository contracts.
  describeOrgRepositoryContract(async () => {
    const { store: s, close } = await store();
    return { repo: s.orgs, close };
  });
  describeTokenRepositoryContract(async () => {
    const { store: s, close } = await store();
    return { repo: s.tokens, close };
  });
  describeCredentialRepositoryContract(async () => {
    const { store: s, close } = await store();
    return { repo: s.credentials, close };
  });
  describeAuditLogContract(async () => {
    const { store: s, close } = await store();
    return { repo: s.audit, close };
  });
});

describe("libSQL store after a lock held by another process", () => {
  it("commits the next writes once a write failed with SQLITE_BUSY (the failed statement does not poison the connection)", async () => {
    const t = await openTempDatabase({ busyTimeoutMs: 100 });
    const s = createLibsqlStore(t.db, { writeDb: t.writeDb, busyTimeoutMs: t.busyTimeoutMs });
    const other = createClient({ url: t.url });
    try {
      const org = (id: string) => ({ id, name: id, features: [], createdAt: new Date(0) });
      const held = await other.transaction("write");
      await held.execute("INSERT INTO organizations VALUES ('held', 'n', '[]', 0)");
      await expect(s.transaction((tx) => tx.orgs.createOrg(org("a")))).rejects.toMatchObject({
        code: "service_unavailable",
      });
      await expect(s.orgs.createOrg(org("b"))).rejects.toMatchObject({ code: "service_unavailable" });
      await held.rollback();
      await s.transaction(async (tx) => {
        await tx.orgs.createOrg(org("a"));
        await tx.audit.append({
          id: "e-1",
          orgId: "a",
          actorId: "t",
          action: "org.create",
          targetType: "organization",
          targetId: "a",
          at: new Date(0),
          metadata: {},
        });
      });
      await s.orgs.createOrg(org("b"));
      expect(await s.orgs.countOrgs()).toBe(2);
    } finally {
      other.close();
      await t.close();
    }
  });
});

describe("libSQL store waiting for a lock", () => {
  it("waits for another process's lock with timers: the event loop keeps running, then the write commits", async () => {
    const t = await openTempDatabase({ busyTimeoutMs: 5000 });
    const s = createLibsqlStore(t.db, { writeDb: t.writeDb, busyTimeoutMs: t.busyTimeoutMs });
    const other = createClient({ url: t.url });
    try {
      const held = await other.transaction("write");
      await held.execute("INSERT INTO organizations VALUES ('held', 'n', '[]', 0)");
      // Released by a timer: it can only fire if the waiting write does not block the event loop.
      setTimeout(() => void held.commit(), 300);
      const ticks: number[] = [];
      const ticking = setInterval(() => ticks.push(Date.now()), 20);
      const started = Date.now();
      await s.transaction((tx) => tx.orgs.createOrg({ id: "mine", name: "n", features: [], createdAt: new Date(0) }));
      clearInterval(ticking);
      expect(Date.now() - started).toBeGreaterThanOrEqual(250);
      expect(ticks.length).toBeGreaterThan(5);
      expect((await s.orgs.listOrgsWithProjects(["held", "mine"])).map((o) => o.org.id)).toEqual(["held", "mine"]);
    } finally {
      other.close();
      await t.close();
    }
  });
});
