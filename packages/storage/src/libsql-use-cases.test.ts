import type { Client } from "@libsql/client";
import {
  authenticate,
  bootstrap,
  type CoreDeps,
  createOrg,
  DEFAULT_CORE_SETTINGS,
  deleteToken,
  getMe,
} from "@regscan/core";
import {
  createFakeSecretCipher,
  createFakeTokenHasher,
  createFixedClock,
  createSequentialIds,
} from "@regscan/core/testing";
import { afterEach, describe, expect, it } from "vitest";
import { openTempDatabase } from "../test/temp-database.js";
import { createDatabase } from "./database.js";
import { createLibsqlStore } from "./libsql-store.js";

const VALUE = "rgs_bootstrap-value-0123456789";
const closers: (() => unknown)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

/** Core's use cases over the real libSQL store; `queries()` counts statements sent to the database. */
async function libsqlDeps(overrides: Partial<CoreDeps> = {}) {
  const t = await openTempDatabase();
  closers.push(t.close);
  let statements = 0;
  const counting = new Proxy(t.db.$client, {
    get(target, key) {
      const value = Reflect.get(target, key);
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        if (key === "execute") statements++;
        if (key === "batch") statements += (args[0] as unknown[]).length;
        return value.apply(target, args);
      };
    },
  }) as Client;
  const store = createLibsqlStore(createDatabase(counting), { writeDb: t.writeDb, busyTimeoutMs: t.busyTimeoutMs });
  const deps: CoreDeps = {
    ...store,
    transaction: (work) => store.transaction(work),
    cipher: createFakeSecretCipher(),
    clock: createFixedClock(),
    ids: createSequentialIds("id"),
    hasher: createFakeTokenHasher(),
    settings: DEFAULT_CORE_SETTINGS,
    ...overrides,
  };
  return { deps, queries: () => statements, reset: () => void (statements = 0) };
}

describe("use cases on libSQL", () => {
  it.each([1, 40])("GET /v1/me reads %i organizations with their projects in one query", async (orgs) => {
    const { deps, queries, reset } = await libsqlDeps();
    await bootstrap(deps, { tokenValue: VALUE });
    const admin = await authenticate(deps, VALUE);
    for (let i = 1; i < orgs; i++) await createOrg(deps, admin, { name: `org-${i}` });
    const principal = await authenticate(deps, VALUE);
    reset();
    const me = await getMe(deps, principal);
    expect(me.organizations).toHaveLength(orgs);
    expect(me.projects).toHaveLength(1); // the bootstrap organization's project `default`
    expect(queries()).toBe(1);
  });

  it("a failure half-way through bootstrap leaves nothing, and the next start bootstraps", async () => {
    const { deps } = await libsqlDeps();
    let calls = 0;
    const ids = createSequentialIds("x");
    // Calls 1-3: org, project and token ids; call 6 is the last audit entry.
    const failing = { ...deps, ids: { next: () => (++calls === 6 ? crash() : ids.next()) } };
    await expect(bootstrap(failing, { tokenValue: VALUE })).rejects.toThrow("killed");
    expect(await deps.orgs.countOrgs()).toBe(0);
    expect(await deps.tokens.countInstanceAdmins()).toBe(0);
    expect(await bootstrap(deps, { tokenValue: VALUE })).toEqual({ created: true });
    const admin = await authenticate(deps, VALUE);
    const orgId = admin.grants[0]?.orgId ?? "";
    expect((await deps.audit.list(orgId, { limit: 10 })).items.map((e) => e.action).sort()).toEqual([
      "org.create",
      "project.create",
      "token.create",
    ]);
  });

  it("an organization is never left without its audit entry", async () => {
    const { deps } = await libsqlDeps();
    await bootstrap(deps, { tokenValue: VALUE });
    const admin = await authenticate(deps, VALUE);
    let calls = 0;
    const failing = { ...deps, ids: { next: () => (++calls === 2 ? crash() : `org-new-${calls}`) } };
    await expect(createOrg(failing, admin, { name: "acme" })).rejects.toThrow("killed");
    expect(await deps.orgs.getOrg("org-new-1")).toBeNull();
    expect((await deps.tokens.get(admin.id))?.grants).toHaveLength(1);
  });

  it("two revocations of the last two instance-admin tokens at once leave one", async () => {
    const { deps } = await libsqlDeps();
    await bootstrap(deps, { tokenValue: VALUE });
    const admin = await authenticate(deps, VALUE);
    const orgId = admin.grants[0]?.orgId ?? "";
    const stored = (await deps.tokens.get(admin.id))!;
    await deps.tokens.create({ ...stored, id: "admin-2", name: "admin-2", tokenHash: "e".repeat(64) });
    const outcomes = await Promise.allSettled([
      deleteToken(deps, admin, orgId, admin.id),
      deleteToken(deps, admin, orgId, "admin-2"),
    ]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(outcomes.find((o) => o.status === "rejected")).toMatchObject({ reason: { code: "conflict" } });
    expect(await deps.tokens.countInstanceAdmins()).toBe(1);
  });
});

function crash(): never {
  throw new Error("killed");
}
