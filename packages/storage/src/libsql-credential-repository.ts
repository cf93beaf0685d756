import type { CredentialRepository, StoredCredential } from "@regscan/core";
import { and, asc, eq, gt } from "drizzle-orm";
import type { LibsqlExecutor } from "./database.js";
import { translateDatabaseErrors } from "./database-errors.js";
import { credentials } from "./schema.js";

/**
 * {@link CredentialRepository} over libSQL: the `credentials` table, one row per credential with
 * its SecretCipher envelope in `encrypted_secret`. Every lookup is scoped by organization.
 */
export function createLibsqlCredentialRepository(db: LibsqlExecutor): CredentialRepository {
  const inOrg = (orgId: string, credentialId: string) =>
    and(eq(credentials.orgId, orgId), eq(credentials.id, credentialId));

  return {
    async create(credential: StoredCredential) {
      await translateDatabaseErrors(() => db.insert(credentials).values(credential), {
        conflict: "A credential with that id already exists.",
      });
    },

    async get(orgId, credentialId) {
      const rows = await translateDatabaseErrors(() => db.select().from(credentials).where(inOrg(orgId, credentialId)));
      return rows[0] ?? null;
    },

    async listByOrg(orgId) {
      return translateDatabaseErrors(() =>
        db
          .select()
          .from(credentials)
          .where(eq(credentials.orgId, orgId))
          .orderBy(asc(credentials.createdAt), asc(credentials.id)),
      );
    },

    async updateSecret(orgId, credentialId, encryptedSecret, updatedAt, expected) {
      const where =
        expected === undefined
          ? inOrg(orgId, credentialId)
          : and(inOrg(orgId, credentialId), eq(credentials.encryptedSecret, expected));
      const result = await translateDatabaseErrors(() =>
        db.update(credentials).set({ encryptedSecret, updatedAt }).where(where),
      );
      return result.rowsAffected > 0;
    },

    async updateStatus(orgId, credentialId, patch) {
      const { status, lastVerifiedAt, updatedAt } = patch;
      const result = await translateDatabaseErrors(() =>
        db.update(credentials).set({ status, lastVerifiedAt, updatedAt }).where(inOrg(orgId, credentialId)),
      );
      return result.rowsAffected > 0;
    },

    async delete(orgId, credentialId) {
      const result = await translateDatabaseErrors(() => db.delete(credentials).where(inOrg(orgId, credentialId)));
      return result.rowsAffected > 0;
    },

    async listAfter(afterId, limit) {
      return translateDatabaseErrors(() =>
        db
          .select()
          .from(credentials)
          .where(afterId === null ? undefined : gt(credentials.id, afterId))
          .orderBy(asc(credentials.id))
          .limit(limit),
      );
    },
  };
}
