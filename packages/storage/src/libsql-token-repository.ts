import { type ApiToken, DomainError, type OrgGrant, type TokenRepository } from "@regscan/core";
import { asc, count, eq, inArray, sql } from "drizzle-orm";
import { type LibsqlExecutor, runAll } from "./database.js";
import { translateDatabaseErrors } from "./database-errors.js";
import { apiTokens, tokenGrants } from "./schema.js";

type TokenRow = typeof apiTokens.$inferSelect;
type GrantRow = typeof tokenGrants.$inferSelect;

function grantRow(tokenId: string, grant: OrgGrant): GrantRow {
  return {
    tokenId,
    orgId: grant.orgId,
    owner: grant.owner,
    permissions: [...grant.permissions],
    projects: Object.fromEntries(Object.entries(grant.projects).map(([id, perms]) => [id, [...perms]])),
  };
}

function toGrant(row: GrantRow): OrgGrant {
  return { orgId: row.orgId, owner: row.owner, permissions: row.permissions, projects: row.projects };
}

/**
 * {@link TokenRepository} over libSQL: `api_tokens` (one row per token, unique `token_hash`; the
 * token value is never stored) and `token_grants` (one row per token and organization).
 */
export function createLibsqlTokenRepository(db: LibsqlExecutor): TokenRepository {
  /** Attaches each token's grants, in the order they were first granted. */
  async function withGrants(rows: TokenRow[]): Promise<ApiToken[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const grants = await translateDatabaseErrors(() =>
      db.select().from(tokenGrants).where(inArray(tokenGrants.tokenId, ids)).orderBy(sql`rowid`),
    );
    return rows.map((row) => ({ ...row, grants: grants.filter((g) => g.tokenId === row.id).map(toGrant) }));
  }

  async function one(rows: TokenRow[]): Promise<ApiToken | null> {
    return (await withGrants(rows))[0] ?? null;
  }

  return {
    async create(token) {
      const { grants, ...row } = token;
      const insertToken = db.insert(apiTokens).values(row);
      const insertGrants = grants.map((g) => db.insert(tokenGrants).values(grantRow(token.id, g)));
      await translateDatabaseErrors(() => runAll(db, [insertToken, ...insertGrants]), {
        conflict: "A token with that id or value already exists.",
      });
    },

    async findByHash(tokenHash) {
      return one(
        await translateDatabaseErrors(() => db.select().from(apiTokens).where(eq(apiTokens.tokenHash, tokenHash))),
      );
    },

    async get(tokenId) {
      return one(await translateDatabaseErrors(() => db.select().from(apiTokens).where(eq(apiTokens.id, tokenId))));
    },

    async listByOrg(orgId) {
      const rows = await translateDatabaseErrors(() =>
        db
          .select()
          .from(apiTokens)
          .where(eq(apiTokens.orgId, orgId))
          .orderBy(asc(apiTokens.createdAt), asc(apiTokens.id)),
      );
      return withGrants(rows);
    },

    async putGrant(tokenId, grant) {
      const row = grantRow(tokenId, grant);
      const [exists] = await translateDatabaseErrors(() =>
        db.select({ id: apiTokens.id }).from(apiTokens).where(eq(apiTokens.id, tokenId)),
      );
      if (!exists) throw new DomainError("not_found", "No API token with that id exists.", { tokenId });
      await translateDatabaseErrors(() =>
        db
          .insert(tokenGrants)
          .values(row)
          .onConflictDoUpdate({
            target: [tokenGrants.tokenId, tokenGrants.orgId],
            set: { owner: row.owner, permissions: row.permissions, projects: row.projects },
          }),
      );
    },

    async delete(tokenId) {
      // Grants go explicitly: foreign keys are not enforced on every libSQL connection.
      const [, deleted] = (await translateDatabaseErrors(() =>
        runAll(db, [
          db.delete(tokenGrants).where(eq(tokenGrants.tokenId, tokenId)),
          db.delete(apiTokens).where(eq(apiTokens.id, tokenId)),
        ]),
      )) as [unknown, { rowsAffected: number }];
      return deleted.rowsAffected > 0;
    },

    async countInstanceAdmins() {
      const rows = await translateDatabaseErrors(() =>
        db.select({ n: count() }).from(apiTokens).where(eq(apiTokens.instanceAdmin, true)),
      );
      return rows[0]?.n ?? 0;
    },
  };
}
