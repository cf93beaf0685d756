/** Organization-level permissions. */
export const ORG_PERMISSIONS = ["manage_integration", "manage_members"] as const;
export type OrgPermission = (typeof ORG_PERMISSIONS)[number];

/** Project-level permissions. */
export const PROJECT_PERMISSIONS = ["read", "start_scan"] as const;
export type ProjectPermission = (typeof PROJECT_PERMISSIONS)[number];

/** What a token may do inside one organization. */
export interface OrgGrant {
  orgId: string;
  /** An owner holds every org permission and every permission on every project of the org. */
  owner: boolean;
  permissions: OrgPermission[];
  /** projectId → permissions on that project (projects of this org only). */
  projects: Record<string, ProjectPermission[]>;
}

/**
 * An authenticated caller. For now every principal is an API token (a service account).
 * A token may hold grants in several organizations (it becomes owner of each org it creates).
 */
export interface Principal {
  id: string;
  name: string;
  /** Operator of this regscan instance (the bootstrap token). */
  instanceAdmin: boolean;
  grants: OrgGrant[];
}

/** A stored API token. Only the SHA-256 hash of its value is kept. */
export interface ApiToken {
  id: string;
  name: string;
  /** The organization the token was issued in (tokens are listed and revoked there). */
  orgId: string;
  /** Lowercase hex SHA-256 of the token value. */
  tokenHash: string;
  instanceAdmin: boolean;
  grants: OrgGrant[];
  createdAt: Date;
  /** Token id of the issuer, or "bootstrap". */
  createdBy: string;
}
