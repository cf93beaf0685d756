import type { ApiToken } from "../model/principal.js";
import type { Repositories, TransactionRunner } from "../ports/repositories.js";
import {
  createMemoryAuditLog,
  emptyAuditState,
  type MemoryAuditLog,
  type MemoryAuditState,
} from "./memory-audit-log.js";
import { createMemoryCredentialRepository, type MemoryCredentialState } from "./memory-credential-repository.js";
import { createMemoryIdempotencyRepository, type MemoryIdempotencyState } from "./memory-idempotency-repository.js";
import { createMemoryInventoryRepository, type MemoryInventoryState } from "./memory-inventory-repository.js";
import { createMemoryOrgRepository, emptyOrgState, type MemoryOrgState } from "./memory-org-repository.js";
import { createMemoryScanRepository, emptyScanState, type MemoryScanState } from "./memory-scan-repository.js";
import { createMemoryTokenRepository, type MemoryTokenState } from "./memory-token-repository.js";
import { createSerialLock, serializeWrites } from "./serial-lock.js";

/** Everything the in-memory repositories hold. */
interface MemoryState {
  orgs: MemoryOrgState;
  tokens: MemoryTokenState;
  credentials: MemoryCredentialState;
  audit: MemoryAuditState;
  scans: MemoryScanState;
  inventories: MemoryInventoryState;
  idempotency: MemoryIdempotencyState;
}

function emptyState(): MemoryState {
  return {
    orgs: emptyOrgState(),
    tokens: new Map<string, ApiToken>(),
    credentials: new Map(),
    audit: emptyAuditState(),
    scans: emptyScanState(),
    inventories: new Map(),
    idempotency: new Map(),
  };
}

/** The write methods of a ScanRepository (they wait for an open transaction). */
export const SCAN_WRITES = ["create", "claimNext", "claim", "heartbeat", "finish", "requestCancel"] as const;

/** In-memory repositories plus a transaction runner over them (the audit log keeps its test handle). */
export interface MemoryStore extends Repositories, TransactionRunner {
  audit: MemoryAuditLog;
}

function reposOver(state: () => MemoryState): Repositories & { audit: MemoryAuditLog } {
  return {
    orgs: createMemoryOrgRepository(() => state().orgs),
    tokens: createMemoryTokenRepository(() => state().tokens),
    credentials: createMemoryCredentialRepository(() => state().credentials),
    audit: createMemoryAuditLog(() => state().audit),
    scans: createMemoryScanRepository(() => state().scans),
    inventories: createMemoryInventoryRepository(() => state().inventories),
    idempotency: createMemoryIdempotencyRepository(() => state().idempotency),
  };
}

/**
 * In-memory repositories with real transactions, like a database: a transaction works on a copy
 * of the state that replaces it on commit and is dropped when `work` throws (rollback), so others
 * never see a partial write. Transactions run one at a time, and writes outside them wait for the
 * open one, as with the libSQL store.
 */
export function createMemoryStore(): MemoryStore {
  let state = emptyState();
  const lock = createSerialLock();
  const live = reposOver(() => state);
  return {
    orgs: serializeWrites(live.orgs, ["createOrg", "setFeatures", "createProject"], lock),
    tokens: serializeWrites(live.tokens, ["create", "putGrant", "delete"], lock),
    credentials: serializeWrites(live.credentials, ["create", "updateSecret", "updateStatus", "delete"], lock),
    audit: serializeWrites(live.audit, ["append"], lock),
    scans: serializeWrites(live.scans, SCAN_WRITES, lock),
    inventories: serializeWrites(live.inventories, ["put"], lock),
    idempotency: serializeWrites(live.idempotency, ["remember"], lock),
    transaction(work) {
      return lock.run(async () => {
        const draft = structuredClone(state);
        const result = await work(reposOver(() => draft));
        state = draft;
        return result;
      });
    },
  };
}
