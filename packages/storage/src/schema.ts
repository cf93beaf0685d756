import type {
  AuditAction,
  CredentialStatus,
  Feature,
  OrgPermission,
  ProjectPermission,
  Provider,
  Region,
} from "@regscan/core";
import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

// The source of truth for the database schema. After changing it run `pnpm --filter @regscan/storage
// db:generate`, then copy the new migration into migrations.ts (a test checks they match).
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
