/**
 * The Worker's configuration comes from its bindings (vars and secrets), parsed once by the same
 * closed schema as on Node: a bad or missing setting answers every request with a 500 problem
 * naming it (never its value); a database without this version's migrations answers 503 until the
 * migrate command has run (the Worker never migrates); an empty one needs REGSCAN_BOOTSTRAP_TOKEN.
 */
import { createClient } from "@libsql/client/web";
import { createDatabase, MIGRATIONS, migrate } from "@regscan/storage";
import { describe, expect, it } from "vitest";
import type { QueueBatch } from "../../src/worker/cloudflare-bindings.js";
import worker from "../../src/worker.js";
import { call, workerEnv, world } from "./worker-client.js";
import { DB_AUTH_TOKEN, MASTER_KEY } from "./worker-world.js";

describe.skipIf(!world.available)(`the Worker's configuration ${world.skipReason}`, () => {
  it.each([
    {
      name: "no master key",
      env: { REGSCAN_MASTER_KEY: undefined },
      says: ["REGSCAN_MASTER_KEY is not set", "wrangler secret put REGSCAN_MASTER_KEY"],
    },
    {
      name: "a master key of the wrong length",
      env: { REGSCAN_MASTER_KEY: "c2hvcnQ=" },
      says: ["REGSCAN_MASTER_KEY must decode to exactly 32 bytes", "wrangler secret put"],
    },
    {
      name: "an invalid number",
      env: { REGSCAN_SCAN_LEASE_SECONDS: "soon" },
      says: ["REGSCAN_SCAN_LEASE_SECONDS"],
    },
    { name: "an invalid URL", env: { REGSCAN_OSV_URL: "not a url" }, says: ["REGSCAN_OSV_URL"] },
    {
      name: "a misspelt setting",
      env: { REGSCAN_MASTERKEY: MASTER_KEY },
      says: ["REGSCAN_MASTERKEY is not a setting of regscan"],
    },
    { name: "no database URL", env: { REGSCAN_DB_URL: undefined }, says: ["REGSCAN_DB_URL is not set"] },
    {
      name: "a file: database",
      env: { REGSCAN_DB_URL: "file:.regscan/regscan.db" },
      says: ["REGSCAN_DB_URL must be a libsql://, https:// or http:// URL on Workers"],
    },
    { name: "no scan queue binding", env: { SCAN_QUEUE: undefined }, says: ["the SCAN_QUEUE binding is missing"] },
  ])("answers every request 500 naming the setting: $name", async ({ env, says }) => {
    const bad = workerEnv(env);
    for (const path of ["/v1/health", "/v1/me", "/openapi.json"]) {
      const res = await call("GET", path, { env: bad });
      expect(res).toMatchObject({ status: 500, body: { code: "internal", instance: path } });
      expect(res.headers.get("content-type")).toBe("application/problem+json");
      for (const text of says) expect(res.body.detail).toContain(text);
      expect(res.text).not.toContain(MASTER_KEY);
    }
  });

  it("answers 503 while the database lacks migrations, puts scan messages back, and recovers once migrated", async () => {
    const unmigrated = workerEnv({ REGSCAN_DB_URL: world.unmigratedDbUrl, REGSCAN_BOOTSTRAP_TOKEN: undefined });
    const refused = await call("GET", "/v1/me", { env: unmigrated });
    expect(refused).toMatchObject({ status: 503, body: { code: "service_unavailable" } });
    expect(refused.headers.get("retry-after")).toBe("30");
    expect(refused.body.detail).toContain(MIGRATIONS.map((m) => m.id).join(", "));
    expect(refused.body.detail).toContain("pnpm --filter @regscan/api migrate");

    let retried: unknown;
    const unexpected = () => {
      throw new Error("a message must not be acknowledged or retried alone here");
    };
    const batch = {
      queue: "regscan-scans",
      messages: [
        { id: "m1", timestamp: new Date(), body: { scanId: "s1" }, attempts: 1, ack: unexpected, retry: unexpected },
      ],
      ackAll: unexpected,
      retryAll(options?: { delaySeconds?: number }) {
        retried = options;
      },
    } satisfies QueueBatch;
    await worker.queue(batch, unmigrated);
    expect(retried).toEqual({ delaySeconds: 60 });
    await expect(worker.scheduled({ cron: "23 * * * *", scheduledTime: Date.now() }, unmigrated)).rejects.toThrow(
      /lacks 2 migration/,
    );

    // The operator runs the migrations; the same Worker serves without a redeploy. The database is
    // empty and no bootstrap token is set: 503 saying so.
    const client = createClient({ url: world.unmigratedDbUrl, authToken: DB_AUTH_TOKEN });
    await migrate(createDatabase(client));
    client.close();
    const empty = await call("GET", "/v1/me", { env: unmigrated });
    expect(empty).toMatchObject({ status: 503, body: { code: "service_unavailable" } });
    expect(empty.body.detail).toContain("wrangler secret put REGSCAN_BOOTSTRAP_TOKEN");
    const withToken = workerEnv({ REGSCAN_DB_URL: world.unmigratedDbUrl });
    expect((await call("GET", "/v1/me", { env: withToken })).status).toBe(200);
  });

  it("answers 503 naming REGSCAN_DB_AUTH_TOKEN when the database refuses the token", async () => {
    const res = await call("GET", "/v1/me", { env: workerEnv({ REGSCAN_DB_AUTH_TOKEN: "wrong-token" }) });
    expect(res).toMatchObject({ status: 503, body: { code: "service_unavailable" } });
    expect(res.body.detail).toContain("REGSCAN_DB_AUTH_TOKEN");
    expect(res.text).not.toContain("wrong-token");
  });
});
