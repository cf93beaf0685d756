// Repository contract suites: every implementation of a repository port runs them.
export { type ContractSubject, type MakeSubject } from "./contract-subject.js";
export { describeOrgRepositoryContract } from "./describe-org-repository-contract.js";
export { describeTokenRepositoryContract } from "./describe-token-repository-contract.js";
export { describeCredentialRepositoryContract } from "./describe-credential-repository-contract.js";
export { describeAuditLogContract } from "./describe-audit-log-contract.js";
