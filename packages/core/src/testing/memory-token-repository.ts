import { DomainError } from "../errors/domain-error.js";
import type { ApiToken } from "../model/principal.js";
import type { TokenRepository } from "../ports/repositories.js";

/** In-memory TokenRepository for tests. */
export function createMemoryTokenRepository(): TokenRepository {
  const tokens = new Map<string, ApiToken>();
  return {
    async create(token) {
      if (tokens.has(token.id)) throw new DomainError("conflict", `A token with id ${token.id} already exists.`);
      for (const t of tokens.values()) {
        if (t.tokenHash === token.tokenHash)
          throw new DomainError("conflict", "A token with that value already exists.");
      }
      tokens.set(token.id, structuredClone(token));
    },
    async findByHash(tokenHash) {
      for (const t of tokens.values()) if (t.tokenHash === tokenHash) return structuredClone(t);
      return null;
    },
    async get(tokenId) {
      const t = tokens.get(tokenId);
      return t ? structuredClone(t) : null;
    },
    async listByOrg(orgId) {
      return [...tokens.values()]
        .filter((t) => t.orgId === orgId)
        .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
        .map((t) => structuredClone(t));
    },
    async putGrant(tokenId, grant) {
      const t = tokens.get(tokenId);
      if (!t) return;
      t.grants = [...t.grants.filter((g) => g.orgId !== grant.orgId), structuredClone(grant)];
    },
    async delete(tokenId) {
      return tokens.delete(tokenId);
    },
  };
}
