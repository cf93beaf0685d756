import {
  describeAuditLogContract,
  describeCredentialRepositoryContract,
  describeOrgRepositoryContract,
  describeTokenRepositoryContract,
  describeTransactionRunnerContract,
} from "./contracts/index.js";
import { createMemoryAuditLog } from "./memory-audit-log.js";
import { createMemoryCredentialRepository } from "./memory-credential-repository.js";
import { createMemoryOrgRepository } from "./memory-org-repository.js";
import { createMemoryStore } from "./memory-store.js";
import { createMemoryTokenRepository } from "./memory-token-repository.js";

// The in-memory fakes pass the same contract suites as the libSQL repositories, so core tests can trust them.
describeOrgRepositoryContract(() => ({ repo: createMemoryOrgRepository() }));
describeTokenRepositoryContract(() => ({ repo: createMemoryTokenRepository() }));
describeCredentialRepositoryContract(() => ({ repo: createMemoryCredentialRepository() }));
describeAuditLogContract(() => ({ repo: createMemoryAuditLog() }));
describeTransactionRunnerContract(() => ({ repo: createMemoryStore() }));
// The store's repositories are the same fakes behind the write lock: they pass the contracts too.
describeOrgRepositoryContract(() => ({ repo: createMemoryStore().orgs }));
describeTokenRepositoryContract(() => ({ repo: createMemoryStore().tokens }));
