// Test support for @regscan/core ("@regscan/core/testing"): in-memory fakes of every port.

export * from "./contracts/index.js";
export * from "./fake-image-scanner.js";
export * from "./fake-registry-gateway.js";
export * from "./fake-secret-cipher.js";
export * from "./fake-token-hasher.js";
export * from "./fixed-clock.js";
export * from "./memory-audit-log.js";
export * from "./memory-credential-repository.js";
export * from "./memory-deps.js";
export * from "./memory-idempotency-repository.js";
export * from "./memory-inventory-repository.js";
export * from "./memory-job-queue.js";
export * from "./memory-org-repository.js";
export * from "./memory-scan-repository.js";
export * from "./memory-store.js";
export * from "./memory-token-repository.js";
export * from "./sequential-ids.js";
export * from "./serial-lock.js";
