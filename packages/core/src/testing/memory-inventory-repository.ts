import type { InventoryRepository, StoredInventory } from "../ports/scans.js";

/** In-memory InventoryRepository for tests (runs the InventoryRepository contract). */
export function createMemoryInventoryRepository(): InventoryRepository {
  const rows = new Map<string, StoredInventory>();
  return {
    async put(inventory) {
      rows.set(inventory.digest, structuredClone(inventory));
    },
    async get(digest) {
      const row = rows.get(digest);
      return row ? structuredClone(row) : null;
    },
  };
}
