import type { AuditEntry } from "../model/audit.js";
import type { EncryptedSecret, RegistryCredential, StoredCredential } from "../model/credential.js";
import type { Feature, Organization, Project } from "../model/organization.js";
import type { ApiToken, OrgGrant } from "../model/principal.js";

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

/** Organizations and their projects. */
export interface OrgRepository {
  createOrg(org: Organization): Promise<void>;
  getOrg(orgId: string): Promise<Organization | null>;
  /** Every organization, oldest first (used for bootstrap checks and /v1/me). */
  countOrgs(): Promise<number>;
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
