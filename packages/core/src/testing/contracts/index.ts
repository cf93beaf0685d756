// Contract suites of core's ports: every implementation (adapter or in-memory fake) runs them.
export type { ContractSubject, MakeSubject } from "./contract-subject.js";
export { describeAuditLogContract } from "./describe-audit-log-contract.js";
export { describeCredentialRepositoryContract } from "./describe-credential-repository-contract.js";
export { describeIdempotencyRepositoryContract } from "./describe-idempotency-repository-contract.js";
export { describeImageScannerContract, type ImageScannerSubject } from "./describe-image-scanner-contract.js";
export { describeInventoryRepositoryContract } from "./describe-inventory-repository-contract.js";
export { describeOrgRepositoryContract } from "./describe-org-repository-contract.js";
export {
  describeRegistryGatewayContract,
  type MakeRegistryGatewaySubject,
  type RegistryGatewaySubject,
  type RegistryWorld,
  type RegistryWorldKey,
  type RegistryWorldNamespace,
} from "./describe-registry-gateway-contract.js";
export { describeScanRepositoryContract, scanJob, storedFinding } from "./describe-scan-repository-contract.js";
export { describeTokenRepositoryContract } from "./describe-token-repository-contract.js";
export { describeTransactionRunnerContract } from "./describe-transaction-runner-contract.js";
