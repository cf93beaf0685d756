import type { InventoryRepository, StoredInventory } from "../ports/scans.js";
import { constant } from "./memory-org-repository.js";

/** What an in-memory InventoryRepository holds: inventories by digest. */
export type MemoryInventoryState = Map<string, StoredInventory>;

/** In-memory InventoryRepository for tests (runs the InventoryRepository contract). */
export function createMemoryInventoryRepository(
  state: () => MemoryInventoryState = constant(new Map<string, StoredInventory>()),
): InventoryRepository {
  return {
    async put(inventory) {
      state().set(inventory.digest, structuredClone(inventory));
    },
    async get(digest) {
      const row = state().get(digest);
      return row ? structuredClone(row) : null;
    },
  };
}
