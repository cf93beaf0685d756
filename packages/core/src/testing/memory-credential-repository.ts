import { DomainError } from "../errors/domain-error.js";
import type { StoredCredential } from "../model/credential.js";
import type { CredentialRepository } from "../ports/repositories.js";

/** In-memory CredentialRepository for tests. */
export function createMemoryCredentialRepository(): CredentialRepository {
  const rows = new Map<string, StoredCredential>();
  const find = (orgId: string, id: string) => {
    const row = rows.get(id);
    return row && row.orgId === orgId ? row : undefined;
  };
  return {
    async create(credential) {
      if (rows.has(credential.id))
        throw new DomainError("conflict", `A credential with id ${credential.id} already exists.`);
      rows.set(credential.id, structuredClone(credential));
    },
    async get(orgId, credentialId) {
      const row = find(orgId, credentialId);
      return row ? structuredClone(row) : null;
    },
    async listByOrg(orgId) {
      return [...rows.values()]
        .filter((r) => r.orgId === orgId)
        .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
        .map((r) => structuredClone(r));
    },
    async updateSecret(orgId, credentialId, encryptedSecret, updatedAt, expected) {
      const row = find(orgId, credentialId);
      if (!row || (expected !== undefined && row.encryptedSecret !== expected)) return false;
      row.encryptedSecret = encryptedSecret;
      row.updatedAt = new Date(updatedAt);
      return true;
    },
    async updateStatus(orgId, credentialId, patch) {
      const row = find(orgId, credentialId);
      if (!row) return false;
      row.status = patch.status;
      row.lastVerifiedAt = patch.lastVerifiedAt ? new Date(patch.lastVerifiedAt) : null;
      row.updatedAt = new Date(patch.updatedAt);
      return true;
    },
    async delete(orgId, credentialId) {
      if (!find(orgId, credentialId)) return false;
      return rows.delete(credentialId);
    },
    async listAfter(afterId, limit) {
      return [...rows.values()]
        .filter((r) => afterId === null || r.id > afterId)
        .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
        .slice(0, limit)
        .map((r) => structuredClone(r));
    },
  };
}
