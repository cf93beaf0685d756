/**
 * How `sbom` and `scan` treat an incomplete inventory (a notice says packages may be missing): a
 * warning line per reason on stderr, the report written as usual, then exit 3
 * (`inventory_incomplete`) unless `--allow-incomplete` accepts it.
 */

import type { Command } from "commander";
import {
  describeIncompleteReason,
  type InventoryCompleteness,
  incompleteInventoryError,
  inventoryCompleteness,
} from "../inventory/inventory-completeness.js";
import type { ImageInventory } from "../model.js";
import type { CliIo } from "./cli-io.js";

/** Reasons warned about one per line; the rest are counted (the JSON report lists them all). */
const MAX_WARNINGS = 20;

export interface AllowIncompleteOption {
  allowIncomplete?: boolean;
}

/** Adds `--allow-incomplete` to a command. */
export function addAllowIncompleteOption(command: Command): Command {
  return command.option(
    "--allow-incomplete",
    "exit as usual when the inventory is incomplete (a cataloger failed, a package database could not be read); the warnings stay",
  );
}

/** The inventory's completeness, after a warning line on stderr for each reason it is incomplete. */
export function warnIfIncomplete(inventory: ImageInventory, io: CliIo): InventoryCompleteness {
  const completeness = inventoryCompleteness(inventory);
  if (completeness.complete) return completeness;
  const { reasons } = completeness;
  for (const reason of reasons.slice(0, MAX_WARNINGS))
    io.stderr.write(`regscan: warning: incomplete inventory: ${describeIncompleteReason(reason)}\n`);
  if (reasons.length > MAX_WARNINGS)
    io.stderr.write(
      `regscan: warning: incomplete inventory: … and ${reasons.length - MAX_WARNINGS} more reasons (all in --format json)\n`,
    );
  return completeness;
}

/** After the report is written: throws `inventory_incomplete` (exit 3) unless `--allow-incomplete`. */
export function failIfIncomplete(completeness: InventoryCompleteness, options: AllowIncompleteOption): void {
  if (completeness.complete || options.allowIncomplete === true) return;
  throw incompleteInventoryError(
    completeness.reasons,
    "The report was written; pass --allow-incomplete to accept an incomplete inventory.",
  );
}
