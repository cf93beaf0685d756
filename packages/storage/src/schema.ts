import type {
  AuditAction,
  CredentialStatus,
  CvssScore,
  Feature,
  OrgPermission,
  ProjectPermission,
  Provider,
  Region,
  ReuseReason,
  ScanProgress,
  ScanStatus,
  ScanTarget,
  Severity,
  SeveritySummary,
} from "@regscan/core";
import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

// The source of truth for the database schema. After changing it run `pnpm --filter @regscan/storage
// db:generate`: drizzle-kit writes the next migration and scripts/write-migrations.mjs regenerates
// src/migrations.ts from the folder (a test checks they match).
// Timestamps are integer milliseconds since the epoch; JSON columns hold arrays / objects as text.

export const organizations = sqliteTable("organizations", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  features: text("features", { mode: "json" }).$type<Feature[]>().notNull(),
  createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
});

export const projects = sqliteTable(
  "projects",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [uniqueIndex("projects_org_id_name_unique").on(t.orgId, t.name)],
);

export const apiTokens = sqliteTable(
  "api_tokens",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    orgId: text("org_id").notNull(),
    /** Lowercase hex SHA-256 of the token value; the value itself is never stored. */
    tokenHash: text("token_hash").notNull(),
    instanceAdmin: integer("instance_admin", { mode: "boolean" }).notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    createdBy: text("created_by").notNull(),
  },
  (t) => [
    uniqueIndex("api_tokens_token_hash_unique").on(t.tokenHash),
    index("api_tokens_org_id_idx").on(t.orgId, t.createdAt),
  ],
);

export const tokenGrants = sqliteTable(
  "token_grants",
  {
    tokenId: text("token_id")
      .notNull()
      .references(() => apiTokens.id, { onDelete: "cascade" }),
    orgId: text("org_id").notNull(),
    owner: integer("owner", { mode: "boolean" }).notNull(),
    permissions: text("permissions", { mode: "json" }).$type<OrgPermission[]>().notNull(),
    projects: text("projects", { mode: "json" }).$type<Record<string, ProjectPermission[]>>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.tokenId, t.orgId] }), index("token_grants_org_id_idx").on(t.orgId)],
);

export const credentials = sqliteTable(
  "credentials",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id").notNull(),
    provider: text("provider").$type<Provider>().notNull(),
    scalewayProjectId: text("scaleway_project_id").notNull(),
    region: text("region").$type<Region>().notNull(),
    namespace: text("namespace").notNull(),
    description: text("description"),
    status: text("status").$type<CredentialStatus>().notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    createdBy: text("created_by").notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
    lastVerifiedAt: integer("last_verified_at", { mode: "timestamp_ms" }),
    /** SecretCipher envelope (key id + IV + ciphertext); never the plaintext. */
    encryptedSecret: text("encrypted_secret").notNull(),
  },
  (t) => [index("credentials_org_id_idx").on(t.orgId, t.createdAt)],
);

export const auditLog = sqliteTable(
  "audit_log",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id").notNull(),
    actorId: text("actor_id").notNull(),
    action: text("action").$type<AuditAction>().notNull(),
    targetType: text("target_type").notNull(),
    targetId: text("target_id").notNull(),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
    metadata: text("metadata", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
  },
  (t) => [index("audit_log_org_id_at_id_idx").on(t.orgId, sql`${t.at} desc`, sql`${t.id} desc`)],
);

/** Scan jobs: durable rows a runner claims with a lease (owner + expiry). */
export const scanJobs = sqliteTable(
  "scan_jobs",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id").notNull(),
    projectId: text("project_id").notNull(),
    credentialId: text("credential_id").notNull(),
    /** Full reference as scanned (`rg.fr-par.scw.cloud/ns/app:1.2`). */
    image: text("image").notNull(),
    /** The reference without tag or digest, for `?image=` filters. */
    repository: text("repository").notNull(),
    target: text("target", { mode: "json" }).$type<ScanTarget>().notNull(),
    digest: text("digest"),
    status: text("status").$type<ScanStatus>().notNull(),
    progress: text("progress", { mode: "json" }).$type<ScanProgress>().notNull(),
    summary: text("summary", { mode: "json" }).$type<SeveritySummary>(),
    error: text("error", { mode: "json" }).$type<{ code: string; message: string }>(),
    reused: text("reused", { mode: "json" }).$type<{ scanId: string; reason: ReuseReason }>(),
    advisoriesUpdatedAt: integer("advisories_updated_at", { mode: "timestamp_ms" }),
    warnings: text("warnings", { mode: "json" }).$type<string[]>().notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    startedAt: integer("started_at", { mode: "timestamp_ms" }),
    finishedAt: integer("finished_at", { mode: "timestamp_ms" }),
    createdBy: text("created_by").notNull(),
    attempts: integer("attempts").notNull(),
    notBefore: integer("not_before", { mode: "timestamp_ms" }).notNull(),
    leaseOwner: text("lease_owner"),
    leaseExpiresAt: integer("lease_expires_at", { mode: "timestamp_ms" }),
    cancelRequested: integer("cancel_requested", { mode: "boolean" }).notNull(),
  },
  (t) => [
    index("scan_jobs_project_idx").on(t.projectId, sql`${t.createdAt} desc`, sql`${t.id} desc`),
    index("scan_jobs_claim_idx").on(t.status, t.notBefore),
    index("scan_jobs_org_status_idx").on(t.orgId, t.status),
    index("scan_jobs_org_digest_idx").on(t.orgId, t.digest, t.status),
  ],
);

/** Findings of succeeded scans; `severity_rank` (0 = CRITICAL) orders them. */
export const scanFindings = sqliteTable(
  "scan_findings",
  {
    id: text("id").primaryKey(),
    scanId: text("scan_id")
      .notNull()
      .references(() => scanJobs.id, { onDelete: "cascade" }),
    severityRank: integer("severity_rank").notNull(),
    vulnerabilityId: text("vulnerability_id").notNull(),
    aliases: text("aliases", { mode: "json" }).$type<string[]>().notNull(),
    packageName: text("package_name").notNull(),
    packageVersion: text("package_version").notNull(),
    type: text("type").notNull(),
    ecosystem: text("ecosystem").notNull(),
    purl: text("purl").notNull(),
    source: text("source", { mode: "json" }).$type<{ name: string; version: string }>(),
    fixedVersion: text("fixed_version"),
    severity: text("severity").$type<Severity>().notNull(),
    cvss: text("cvss", { mode: "json" }).$type<CvssScore>(),
    summary: text("summary").notNull(),
    layer: text("layer").notNull(),
  },
  (t) => [
    index("scan_findings_order_idx").on(
      t.scanId,
      t.severityRank,
      t.vulnerabilityId,
      t.packageName,
      t.packageVersion,
      t.id,
    ),
  ],
);

/** One inventory (regscan JSON SBOM) per image digest, re-matched without a pull. */
export const imageInventories = sqliteTable("image_inventories", {
  digest: text("digest").primaryKey(),
  document: text("document").notNull(),
  createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
});

/** `Idempotency-Key`s of scan creation, per caller. */
export const idempotencyKeys = sqliteTable(
  "idempotency_keys",
  {
    principalId: text("principal_id").notNull(),
    key: text("key").notNull(),
    requestHash: text("request_hash").notNull(),
    scanId: text("scan_id").notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.principalId, t.key] })],
);

// The OSV advisory database (written by `regscan db import|update` and the API's refresh, read by
// the scanner's matcher). The scanner's libSQL advisory store owns the queries.

/** One row per OSV record; `ecosystem` is the export it came from, `run` marks full imports. */
export const advisories = sqliteTable(
  "advisories",
  {
    id: text("id").primaryKey(),
    ecosystem: text("ecosystem").notNull(),
    modified: text("modified").notNull(),
    withdrawn: text("withdrawn"),
    run: integer("run").notNull().default(0),
    json: text("json").notNull(),
  },
  (t) => [index("advisories_ecosystem").on(t.ecosystem, t.run)],
);

/** (ecosystem, normalised package name) → record, for indexed lookups. */
export const affectedIndex = sqliteTable(
  "affected_index",
  {
    ecosystem: text("ecosystem").notNull(),
    name: text("name").notNull(),
    advisoryId: text("advisory_id").notNull(),
  },
  (t) => [index("affected_index_package").on(t.ecosystem, t.name), index("affected_index_advisory").on(t.advisoryId)],
);

/** Freshness of each imported export. */
export const ecosystemState = sqliteTable("ecosystem_state", {
  ecosystem: text("ecosystem").primaryKey(),
  lastModified: text("last_modified"),
  importedAt: text("imported_at"),
});
