import { DomainError } from "../errors/domain-error.js";
import type { ApiToken } from "../model/principal.js";
import type { TokenRepository } from "../ports/repositories.js";
import { constant } from "./memory-org-repository.js";

/** What an in-memory TokenRepository holds: tokens by id. */
export type MemoryTokenState = Map<string, ApiToken>;

/** In-memory TokenRepository for tests; `state` gives the current state on every call. */
export function createMemoryTokenRepository(
  state: () => MemoryTokenState = constant(new Map<string, ApiToken>()),
): TokenRepository {
  return {
    async create(token) {
      const tokens = state();
      if (tokens.has(token.id)) throw new DomainError("conflict", `A token with id ${token.id} already exists.`);
      for (const t of tokens.values()) {
        if (t.tokenHash === token.tokenHash)
          throw new DomainError("conflict", "A token with that value already exists.");
      }
      tokens.set(token.id, structuredClone(token));
    },
    async findByHash(tokenHash) {
      for (const t of state().values()) if (t.tokenHash === tokenHash) return structuredClone(t);
      return null;
    },
    async get(tokenId) {
      const t = state().get(tokenId);
      return t ? structuredClone(t) : null;
    },
    async listByOrg(orgId) {
      return [...state().values()]
        .filter((t) => t.orgId === orgId)
        .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
        .map((t) => structuredClone(t));
    },
    async putGrant(tokenId, grant) {
      const t = state().get(tokenId);
      if (!t) throw new DomainError("not_found", "No API token with that id exists.", { tokenId });
      t.grants = [...t.grants.filter((g) => g.orgId !== grant.orgId), structuredClone(grant)];
    },
    async delete(tokenId) {
      return state().delete(tokenId);
    },
    async countInstanceAdmins() {
      return [...state().values()].filter((t) => t.instanceAdmin).length;
    },
  };
}
