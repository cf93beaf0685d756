import type { CoreDeps } from "../deps.js";
import type { AuditEntry } from "../model/audit.js";
import type { RegistryGateway } from "../ports/registry-gateway.js";
import type { AuditLog } from "../ports/repositories.js";
import { createFakeSecretCipher, type FakeSecretCipher } from "./fake-secret-cipher.js";
import { createFakeTokenHasher } from "./fake-token-hasher.js";
import { createFixedClock, type FixedClock } from "./fixed-clock.js";
import { createMemoryAuditLog } from "./memory-audit-log.js";
import { createMemoryCredentialRepository } from "./memory-credential-repository.js";
import { createMemoryOrgRepository } from "./memory-org-repository.js";
import { createMemoryTokenRepository } from "./memory-token-repository.js";
import { createSequentialIds } from "./sequential-ids.js";

/** CoreDeps over in-memory fakes, with the fakes' extra test handles typed. */
export interface MemoryDeps extends CoreDeps {
  clock: FixedClock;
  cipher: FakeSecretCipher;
  audit: AuditLog & { entries(): AuditEntry[] };
}

/** Fresh in-memory dependencies: fixed clock, sequential ids, fake cipher and hasher. */
export function createMemoryDeps(options: { now?: Date; registry?: RegistryGateway } = {}): MemoryDeps {
  return {
    orgs: createMemoryOrgRepository(),
    tokens: createMemoryTokenRepository(),
    credentials: createMemoryCredentialRepository(),
    audit: createMemoryAuditLog(),
    cipher: createFakeSecretCipher(),
    clock: createFixedClock(options.now),
    ids: createSequentialIds("id"),
    hasher: createFakeTokenHasher(),
    ...(options.registry ? { registry: options.registry } : {}),
  };
}
