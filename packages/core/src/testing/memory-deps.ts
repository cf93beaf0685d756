import { type CoreDeps, type CoreSettings, DEFAULT_CORE_SETTINGS } from "../deps.js";
import type { RegistryGateway } from "../ports/registry-gateway.js";
import type { IdGenerator } from "../ports/system.js";
import { createFakeSecretCipher, type FakeSecretCipher } from "./fake-secret-cipher.js";
import { createFakeTokenHasher } from "./fake-token-hasher.js";
import { createFixedClock, type FixedClock } from "./fixed-clock.js";
import type { MemoryAuditLog } from "./memory-audit-log.js";
import { createMemoryStore } from "./memory-store.js";
import { createSequentialIds } from "./sequential-ids.js";

/** CoreDeps over in-memory fakes, with the fakes' extra test handles typed. */
export interface MemoryDeps extends CoreDeps {
  clock: FixedClock;
  cipher: FakeSecretCipher;
  audit: MemoryAuditLog;
}

export interface MemoryDepsOptions {
  now?: Date;
  registry?: RegistryGateway;
  settings?: Partial<CoreSettings>;
  ids?: IdGenerator;
}

/** Fresh in-memory dependencies: fixed clock, sequential ids, fake cipher and hasher, real transactions. */
export function createMemoryDeps(options: MemoryDepsOptions = {}): MemoryDeps {
  const store = createMemoryStore();
  return {
    orgs: store.orgs,
    tokens: store.tokens,
    credentials: store.credentials,
    audit: store.audit,
    scans: store.scans,
    inventories: store.inventories,
    idempotency: store.idempotency,
    transaction: (work) => store.transaction(work),
    cipher: createFakeSecretCipher(),
    clock: createFixedClock(options.now),
    ids: options.ids ?? createSequentialIds("id"),
    hasher: createFakeTokenHasher(),
    settings: { ...DEFAULT_CORE_SETTINGS, ...options.settings },
    ...(options.registry ? { registry: options.registry } : {}),
  };
}
