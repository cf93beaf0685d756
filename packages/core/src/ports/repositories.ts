import type { AuditEntry } from "../model/audit.js";
import type { EncryptedSecret, RegistryCredential, StoredCredential } from "../model/credential.js";
import type { Feature, Organization, Project } from "../model/organization.js";
import type { ApiToken, OrgGrant } from "../model/principal.js";
import type { IdempotencyRepository, InventoryRepository, ScanRepository } from "./scans.js";

/** One page of a cursor-paginated listing. `nextCursor` is null on the last page. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface PageRequest {
  /** 1..100 */
  limit: number;
  /** Opaque cursor from a previous page, or undefined for the first page. */
  cursor?: string | undefined;
}

/** An organization and its projects (oldest first). */
export interface OrgWithProjects {
  org: Organization;
  projects: Project[];
}

/** Organizations and their projects. */
export interface OrgRepository {
  createOrg(org: Organization): Promise<void>;
  getOrg(orgId: string): Promise<Organization | null>;
  /** How many organizations exist (bootstrap checks). */
  countOrgs(): Promise<number>;
  /** The oldest organization (by creation time, then id): the one bootstrap created; null when none. */
  firstOrg(): Promise<Organization | null>;
  /**
   * The organizations with these ids, each with its projects (oldest first), in the order of
   * `orgIds`; unknown ids are skipped. ONE query whatever the number of ids (`GET /v1/me`).
   */
  listOrgsWithProjects(orgIds: readonly string[]): Promise<OrgWithProjects[]>;
  setFeatures(orgId: string, features: Feature[]): Promise<void>;
  /** Throws DomainError `conflict` when the org already has a project with that name. */
  createProject(project: Project): Promise<void>;
  getProject(projectId: string): Promise<Project | null>;
  /** Oldest first. */
  listProjects(orgId: string): Promise<Project[]>;
}

/** API tokens (service accounts). Only token hashes are stored. */
export interface TokenRepository {
  create(token: ApiToken): Promise<void>;
  findByHash(tokenHash: string): Promise<ApiToken | null>;
  get(tokenId: string): Promise<ApiToken | null>;
  /** Tokens issued in the org, oldest first. */
  listByOrg(orgId: string): Promise<ApiToken[]>;
  /** Adds or replaces the token's grant for `grant.orgId`. */
  putGrant(tokenId: string, grant: OrgGrant): Promise<void>;
  /** Returns false when no such token existed. */
  delete(tokenId: string): Promise<boolean>;
  /** How many instance-admin tokens exist (revoked tokens are deleted, so: unrevoked ones). */
  countInstanceAdmins(): Promise<number>;
}

/** Registry credentials with their encrypted secrets. */
export interface CredentialRepository {
  /** Throws DomainError `conflict` when the id exists. */
  create(credential: StoredCredential): Promise<void>;
  /** Scoped by organization: another org's credential is `null`. */
  get(orgId: string, credentialId: string): Promise<StoredCredential | null>;
  /** Oldest first. */
  listByOrg(orgId: string): Promise<StoredCredential[]>;
  /**
   * Replaces the encrypted secret (rotation or re-encryption). With `expected`, only when the
   * stored envelope still equals it (compare-and-set, so a re-encryption never overwrites a secret
   * rotated meanwhile). Returns false when not found or when `expected` no longer matches.
   */
  updateSecret(
    orgId: string,
    credentialId: string,
    encryptedSecret: EncryptedSecret,
    updatedAt: Date,
    expected?: EncryptedSecret,
  ): Promise<boolean>;
  /** Records the outcome of a verification. Returns false when not found. */
  updateStatus(
    orgId: string,
    credentialId: string,
    patch: Pick<RegistryCredential, "status" | "lastVerifiedAt" | "updatedAt">,
  ): Promise<boolean>;
  /** Returns false when not found. */
  delete(orgId: string, credentialId: string): Promise<boolean>;
  /**
   * Every credential of every org, ordered by id, starting after `afterId` (for resumable
   * re-encryption batches).
   */
  listAfter(afterId: string | null, limit: number): Promise<StoredCredential[]>;
}

/** Append-only audit trail. */
export interface AuditLog {
  append(entry: AuditEntry): Promise<void>;
  /** Newest first; the cursor is opaque. */
  list(orgId: string, page: PageRequest): Promise<Page<AuditEntry>>;
}

/**
 * The repositories a use case reads and writes through. A {@link TransactionRunner} hands out a set
 * bound to one transaction. Add a repository here (and to every implementation) when a new use case
 * needs to write through it atomically with the others.
 */
export interface Repositories {
  orgs: OrgRepository;
  tokens: TokenRepository;
  credentials: CredentialRepository;
  audit: AuditLog;
  scans: ScanRepository;
  inventories: InventoryRepository;
  idempotency: IdempotencyRepository;
}

/**
 * Atomic multi-step writes. `transaction(work)` runs `work` with repositories bound to one
 * transaction: every write made through them commits together when `work` resolves, and none does
 * when it throws (the error propagates unchanged). Reads through them see the transaction's own
 * writes; others see them only after the commit. Transactions of one runner run one at a time, and
 * a write through the runner's non-transactional repositories waits for the open transaction, so a
 * read-then-write decision inside `work` (e.g. "is this the last admin token?") cannot race.
 * Keep `work` short and free of network calls: it holds the database's write lock.
 */
export interface TransactionRunner {
  transaction<T>(work: (repos: Repositories) => Promise<T>): Promise<T>;
}
