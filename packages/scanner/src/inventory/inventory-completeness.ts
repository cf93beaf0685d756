/**
 * Whether an inventory lists every package of its image. One decision, used by every output
 * (JSON `incomplete`, CycloneDX, SARIF, the table), by the CLI (warnings, exit 3) and by API
 * scans (failed with `inventory_incomplete`).
 */

import { DomainError } from "@regscan/core";
import type { ImageInventory, Notice } from "../model.js";

/** A reason packages may be missing: a notice marked `incomplete`, as the JSON report lists it. */
export interface IncompleteReason {
  code: string;
  message: string;
  path?: string;
}

export type InventoryCompleteness = { complete: true } | { complete: false; reasons: IncompleteReason[] };

/**
 * Complete unless a notice says packages may be missing (`Notice.incomplete`: a cataloger that
 * failed, an unreadable or unsupported package database, a wanted file that was skipped).
 */
export function inventoryCompleteness(inventory: { readonly notices: readonly Notice[] }): InventoryCompleteness {
  const reasons: IncompleteReason[] = [];
  for (const n of inventory.notices) {
    if (n.incomplete === true) reasons.push({ code: n.code, message: n.message, ...(n.path ? { path: n.path } : {}) });
  }
  return reasons.length === 0 ? { complete: true } : { complete: false, reasons };
}

/** One reason as a line: `message (path) [code]`. */
export function describeIncompleteReason(reason: IncompleteReason): string {
  return `${reason.message}${reason.path ? ` (${reason.path})` : ""} [${reason.code}]`;
}

/**
 * The `inventory_incomplete` error for an inventory with these reasons (the CLI's exit 3, an API
 * scan's failure). The message names the first reason and how many more there are, then `hint`
 * (what the caller can do); `details.reasons` holds them all.
 */
export function incompleteInventoryError(reasons: readonly IncompleteReason[], hint = ""): DomainError {
  const first = reasons[0];
  const more = reasons.length > 1 ? ` (and ${reasons.length - 1} more)` : "";
  return new DomainError(
    "inventory_incomplete",
    `The image's inventory is incomplete, so packages and their vulnerabilities may be missing: ${
      first ? describeIncompleteReason(first) : "no reason given"
    }${more}.${hint ? ` ${hint}` : ""}`,
    { reasons: reasons.map((r) => ({ ...r })) },
  );
}

/** Throws `incompleteInventoryError` when the inventory is incomplete. */
export function assertInventoryComplete(inventory: Pick<ImageInventory, "notices">): void {
  const completeness = inventoryCompleteness(inventory);
  if (!completeness.complete) throw incompleteInventoryError(completeness.reasons);
}
