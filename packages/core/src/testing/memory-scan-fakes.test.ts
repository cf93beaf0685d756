import {
  describeIdempotencyRepositoryContract,
  describeInventoryRepositoryContract,
  describeScanRepositoryContract,
} from "./contracts/index.js";
import { createMemoryIdempotencyRepository } from "./memory-idempotency-repository.js";
import { createMemoryInventoryRepository } from "./memory-inventory-repository.js";
import { createMemoryScanRepository } from "./memory-scan-repository.js";

// The scan fakes pass the same contracts as the libSQL repositories.
describeScanRepositoryContract(() => ({ repo: createMemoryScanRepository() }));
describeInventoryRepositoryContract(() => ({ repo: createMemoryInventoryRepository() }));
describeIdempotencyRepositoryContract(() => ({ repo: createMemoryIdempotencyRepository() }));
