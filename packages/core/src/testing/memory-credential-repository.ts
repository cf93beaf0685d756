import { DomainError } from "../errors/domain-error.js";
import type { StoredCredential } from "../model/credential.js";
import type { CredentialRepository } from "../ports/repositories.js";
import { constant } from "./memory-org-repository.js";

/** What an in-memory CredentialRepository holds: credentials by id. */
export type MemoryCredentialState = Map<string, StoredCredential>;

/** In-memory CredentialRepository for tests; `state` gives the current state on every call. */
export function createMemoryCredentialRepository(
  state: () => MemoryCredentialState = constant(new Map<string, StoredCredential>()),
): CredentialRepository {
  const find = (orgId: string, id: string) => {
    const row = state().get(id);
    return row && row.orgId === orgId ? row : undefined;
  };
  return {
    async create(credential) {
      if (state().has(credential.id))
        throw new DomainError("conflict", `A credential with id ${credential.id} already exists.`);
      state().set(credential.id, structuredClone(credential));
    },
    async get(orgId, credentialId) {
      const row = find(orgId, credentialId);
      return row ? structuredClone(row) : null;
    },
    async listByOrg(orgId) {
      return [...state().values()]
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
      return state().delete(credentialId);
    },
    async listAfter(afterId, limit) {
      return [...state().values()]
        .filter((r) => afterId === null || r.id > afterId)
        .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
        .slice(0, limit)
        .map((r) => structuredClone(r));
    },
  };
}
