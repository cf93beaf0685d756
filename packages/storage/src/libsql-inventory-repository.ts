import type { InventoryRepository } from "@regscan/core";
import { eq } from "drizzle-orm";
import type { LibsqlExecutor } from "./database.js";
import { translateDatabaseErrors } from "./database-errors.js";
import { imageInventories } from "./schema.js";

/** {@link InventoryRepository} over libSQL: one `image_inventories` row per digest. */
export function createLibsqlInventoryRepository(db: LibsqlExecutor): InventoryRepository {
  return {
    async put(inventory) {
      await translateDatabaseErrors(() =>
        db
          .insert(imageInventories)
          .values(inventory)
          .onConflictDoUpdate({
            target: imageInventories.digest,
            set: { document: inventory.document, createdAt: inventory.createdAt },
          }),
      );
    },
    async get(digest) {
      const rows = await translateDatabaseErrors(() =>
        db.select().from(imageInventories).where(eq(imageInventories.digest, digest)),
      );
      return rows[0] ?? null;
    },
  };
}
