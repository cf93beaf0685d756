/**
 * The regscan JSON inventory report (`regscan sbom --format json`), schema version 1:
 * `{schemaVersion, artifact: {ref, digest, os, layers: [{digest, diffId, size}]},
 *   incomplete, incompleteReasons: [{code, message, path?}],
 *   packages: [{name, version, type, ecosystem, purl, source?, layer, path, isRoot?, confidence?}],
 *   notices: [{code, message, path?, incomplete?}]}`.
 * Fields appear in this order; optional ones only when set.
 */

import type { ImageInventory, ImagePackage, Notice } from "../model.js";
import { type IncompleteReason, inventoryCompleteness } from "./inventory-completeness.js";

export interface InventoryJson {
  schemaVersion: 1;
  artifact: {
    ref: string;
    digest: string;
    os: { family: string; version: string } | null;
    layers: { digest: string; diffId: string; size: number }[];
  };
  /** True when packages may be missing (some notice says so); the reasons are listed. */
  incomplete: boolean;
  incompleteReasons: IncompleteReason[];
  packages: InventoryJsonPackage[];
  notices: Notice[];
}

export interface InventoryJsonPackage {
  name: string;
  version: string;
  type: ImagePackage["type"];
  ecosystem: string;
  purl: string;
  source?: { name: string; version: string };
  layer: string;
  path: string;
  /** npm: the application's own root package (not a dependency). */
  isRoot?: true;
  /** "low": identity inferred from weak evidence (a Java archive's manifest or file name). */
  confidence?: "low";
}

export function toInventoryJson(inventory: ImageInventory): InventoryJson {
  const { artifact } = inventory;
  const completeness = inventoryCompleteness(inventory);
  return {
    schemaVersion: 1,
    artifact: {
      ref: artifact.ref,
      digest: artifact.digest,
      os: artifact.os === null ? null : { family: artifact.os.family, version: artifact.os.version },
      layers: artifact.layers.map((l) => ({ digest: l.digest, diffId: l.diffId, size: l.size })),
    },
    incomplete: !completeness.complete,
    incompleteReasons: completeness.complete ? [] : completeness.reasons,
    packages: inventory.packages.map((p) => ({
      name: p.name,
      version: p.version,
      type: p.type,
      ecosystem: p.ecosystem,
      purl: p.purl,
      ...(p.source ? { source: { name: p.source.name, version: p.source.version } } : {}),
      layer: p.layer,
      path: p.path,
      ...(p.isRoot ? { isRoot: true as const } : {}),
      ...(p.confidence ? { confidence: p.confidence } : {}),
    })),
    notices: inventory.notices.map((n) => ({
      code: n.code,
      message: n.message,
      ...(n.path ? { path: n.path } : {}),
      ...(n.incomplete ? { incomplete: true } : {}),
    })),
  };
}
