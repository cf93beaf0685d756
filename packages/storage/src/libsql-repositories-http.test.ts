import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "@libsql/client/web";
import {
  describeAuditLogContract,
  describeCredentialRepositoryContract,
  describeIdempotencyRepositoryContract,
  describeInventoryRepositoryContract,
  describeOrgRepositoryContract,
  describeScanRepositoryContract,
  describeTokenRepositoryContract,
} from "@regscan/core/testing/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHranaServer } from "../test/support/index.js";
import { createDatabase, type RegscanDatabase } from "./database.js";
import { createLibsqlAuditLog } from "./libsql-audit-log.js";
import { createLibsqlCredentialRepository } from "./libsql-credential-repository.js";
import { createLibsqlIdempotencyRepository } from "./libsql-idempotency-repository.js";
import { createLibsqlInventoryRepository } from "./libsql-inventory-repository.js";
import { createLibsqlOrgRepository } from "./libsql-org-repository.js";
import { createLibsqlScanRepository } from "./libsql-scan-repository.js";
import { createLibsqlTokenRepository } from "./libsql-token-repository.js";
import { migrate } from "./migrate.js";
import { MIGRATIONS } from "./migrations.js";
import { openDatabase } from "./node.js";

/**
 * The Turso path: the same contract suites as libsql-repositories.test.ts, through
 * `@libsql/client/web` (the Worker's client) over Hrana-over-HTTP to the test server, one fresh
 * database and server per test. Each test starts from a copy of one database migrated over HTTP.
 */
let template: { dir: string; path: string };

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), "regscan-storage-http-template-"));
  const path = join(dir, "regscan.db");
  const server = await startHranaServer({ path });
  const client = createClient({ url: server.url });
  await migrate(createDatabase(client));
  client.close();
  await server.close();
  // Folds the WAL into the file, so one file is the whole database.
  await (await openDatabase({ url: `file:${path}` })).close();
  template = { dir, path };
});

afterAll(() => rmSync(template.dir, { recursive: true, force: true }));

async function overHttp<R>(build: (db: RegscanDatabase) => R): Promise<{ repo: R; close: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), "regscan-storage-http-"));
  const path = join(dir, "regscan.db");
  copyFileSync(template.path, path);
  const server = await startHranaServer({ path });
  const client = createClient({ url: server.url });
  return {
    repo: build(createDatabase(client)),
    close: async () => {
      client.close();
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

describe("migrate over HTTP", () => {
  it("applies every migration through @libsql/client/web, and again nothing", async () => {
    const dir = mkdtempSync(join(tmpdir(), "regscan-storage-http-"));
    const server = await startHranaServer({ path: join(dir, "regscan.db") });
    const db = createDatabase(createClient({ url: server.url }));
    try {
      expect(await migrate(db)).toEqual(MIGRATIONS.map((m) => m.id));
      expect(await migrate(db)).toEqual([]);
      expect(server.openStreams).toBe(0);
    } finally {
      db.$client.close();
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("libSQL repositories (@libsql/client/web over Hrana HTTP, as on Workers with Turso)", () => {
  describeOrgRepositoryContract(() => overHttp(createLibsqlOrgRepository));
  describeTokenRepositoryContract(() => overHttp(createLibsqlTokenRepository));
  describeCredentialRepositoryContract(() => overHttp(createLibsqlCredentialRepository));
  describeAuditLogContract(() => overHttp(createLibsqlAuditLog));
  describeScanRepositoryContract(() => overHttp(createLibsqlScanRepository));
  describeInventoryRepositoryContract(() => overHttp(createLibsqlInventoryRepository));
  describeIdempotencyRepositoryContract(() => overHttp(createLibsqlIdempotencyRepository));
});
