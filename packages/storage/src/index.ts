// Public surface of @regscan/storage (runtime-neutral; the Node-only `openDatabase` is in ./node).
export {
  createDatabase,
  DEFAULT_DB_URL,
  type LibsqlDatabase,
  type LibsqlExecutor,
  type RegscanDatabase,
  runAll,
} from "./database.js";
export { databaseErrorCode, driverCause, toDomainDatabaseError, translateDatabaseErrors } from "./database-errors.js";
export { checkDatabaseReady, type DatabaseReadiness, READINESS_TIMEOUT_MS } from "./database-readiness.js";
export { createLibsqlAuditLog } from "./libsql-audit-log.js";
export { createLibsqlCredentialRepository } from "./libsql-credential-repository.js";
export { createLibsqlIdempotencyRepository } from "./libsql-idempotency-repository.js";
export { createLibsqlInventoryRepository } from "./libsql-inventory-repository.js";
export { createLibsqlOrgRepository } from "./libsql-org-repository.js";
export { createLibsqlScanRepository } from "./libsql-scan-repository.js";
export { createLibsqlStore, type LibsqlStore, serializedWriter } from "./libsql-store.js";
export { createLibsqlTokenRepository } from "./libsql-token-repository.js";
export { migrate } from "./migrate.js";
export { MIGRATIONS, type Migration } from "./migrations.js";
export { pendingMigrations } from "./pending-migrations.js";
export * as schema from "./schema.js";
