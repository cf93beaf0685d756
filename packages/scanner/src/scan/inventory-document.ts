/**
 * The stored form of an inventory (one per image digest in the API's database): the whole
 * `ImageInventory` as JSON, so a later re-match and the SBOM route see exactly what the scan saw.
 */
import { DomainError } from "@regscan/core";
import type { ImageInventory } from "../model.js";

/** Stored documents larger than this are refused when read back (an inventory is far smaller). */
export const MAX_INVENTORY_DOCUMENT_BYTES = 64 * 1024 * 1024;

export function toInventoryDocument(inventory: ImageInventory): string {
  return JSON.stringify(inventory);
}

/** Reads a stored inventory back; `scan_failed` when it is not one (damaged or foreign data). */
export function parseInventoryDocument(document: string): ImageInventory {
  const damaged = (why: string) =>
    new DomainError("scan_failed", `The stored inventory cannot be read (${why}); scan the image again.`);
  if (document.length > MAX_INVENTORY_DOCUMENT_BYTES) throw damaged("it is too large");
  let value: unknown;
  try {
    value = JSON.parse(document);
  } catch {
    // Named failure: not JSON at all.
    throw damaged("it is not JSON");
  }
  const inventory = value as Partial<ImageInventory> | null;
  if (
    inventory === null ||
    typeof inventory !== "object" ||
    inventory.schemaVersion !== 1 ||
    typeof inventory.artifact?.digest !== "string" ||
    !Array.isArray(inventory.artifact.layers) ||
    !Array.isArray(inventory.packages) ||
    !Array.isArray(inventory.notices)
  ) {
    throw damaged("it is not a regscan inventory");
  }
  for (const p of inventory.packages) {
    if (typeof p?.name !== "string" || typeof p.version !== "string" || typeof p.ecosystem !== "string") {
      throw damaged("a package entry is malformed");
    }
  }
  return inventory as ImageInventory;
}
