import {
  describeAuditLogContract,
  describeCredentialRepositoryContract,
  describeIdempotencyRepositoryContract,
  describeInventoryRepositoryContract,
  describeOrgRepositoryContract,
  describeScanRepositoryContract,
  describeTokenRepositoryContract,
} from "@regscan/core/testing/contracts";
import { describe } from "vitest";
import { openTempDatabase } from "../test/temp-database.js";
import { createLibsqlAuditLog } from "./libsql-audit-log.js";
import { createLibsqlCredentialRepository } from "./libsql-credential-repository.js";
import { createLibsqlIdempotencyRepository } from "./libsql-idempotency-repository.js";
import { createLibsqlInventoryRepository } from "./libsql-inventory-repository.js";
import { createLibsqlOrgRepository } from "./libsql-org-repository.js";
import { createLibsqlScanRepository } from "./libsql-scan-repository.js";
import { createLibsqlTokenRepository } from "./libsql-token-repository.js";

// Each test gets a fresh, migrated database file in its own temp directory, deleted afterwards.
describe("libSQL repositories (temp file)", () => {
  describeOrgRepositoryContract(async () => {
    const t = await openTempDatabase();
    return { repo: createLibsqlOrgRepository(t.db), close: t.close };
  });
  describeTokenRepositoryContract(async () => {
    const t = await openTempDatabase();
    return { repo: createLibsqlTokenRepository(t.db), close: t.close };
  });
  describeCredentialRepositoryContract(async () => {
    const t = await openTempDatabase();
    return { repo: createLibsqlCredentialRepository(t.db), close: t.close };
  });
  describeAuditLogContract(async () => {
    const t = await openTempDatabase();
    return { repo: createLibsqlAuditLog(t.db), close: t.close };
  });
  describeScanRepositoryContract(async () => {
    const t = await openTempDatabase();
    return { repo: createLibsqlScanRepository(t.db), close: t.close };
  });
  describeInventoryRepositoryContract(async () => {
    const t = await openTempDatabase();
    return { repo: createLibsqlInventoryRepository(t.db), close: t.close };
  });
  describeIdempotencyRepositoryContract(async () => {
    const t = await openTempDatabase();
    return { repo: createLibsqlIdempotencyRepository(t.db), close: t.close };
  });
});
