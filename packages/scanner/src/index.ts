// Public surface of @regscan/scanner (web-standard: runs on Node and Workers).

export * from "./catalogers/index.js";
// --- model, catalogers, SBOM, version ordering ---
export type * from "./model.js";
export { type CycloneDxDocument, type CycloneDxOptions, toCycloneDx, toCycloneDxJson } from "./sbom/cyclonedx.js";
export * from "./versions/index.js";

// --- end model, catalogers, SBOM, version ordering ---

export {
  assertInventoryComplete,
  describeIncompleteReason,
  type IncompleteReason,
  type InventoryCompleteness,
  incompleteInventoryError,
  inventoryCompleteness,
} from "./inventory/inventory-completeness.js";
export { type InventoryJson, type InventoryJsonPackage, toInventoryJson } from "./inventory/inventory-json.js";
export { MergedView } from "./inventory/merged-view.js";
// --- layer walk + inventory ---
export {
  inventoryFromLayers,
  type PackageFinalizer,
  type ScanInventoryOptions,
  scanImageInventory,
} from "./inventory/scan-image-inventory.js";
export {
  type Compression,
  type DecompressOptions,
  type Decompressor,
  webDecompressor,
} from "./walk/decompressor.js";
export { createFileSelector, type FileSelector, type FileWanter } from "./walk/file-selector.js";
export { createMemoryLayerCache, type LayerCache, noLayerCache } from "./walk/layer-cache.js";
export { DEFAULT_WALK_LIMITS, emptyLayerFiles, type LayerFiles, type WalkLimits } from "./walk/layer-files.js";
export { decodeLayerFiles, encodeLayerFiles } from "./walk/layer-files-codec.js";
export { parseSize } from "./walk/parse-size.js";
export { type Sha256Factory, type Sha256Hash, webSha256 } from "./walk/sha256.js";
export { type WalkImageOptions, type WalkProgress, walkImageLayers } from "./walk/walk-image-layers.js";
export { type LayerRef, type WalkLayerOptions, walkLayer } from "./walk/walk-layer.js";

// --- end layer walk + inventory ---

export {
  DOCKER_HUB,
  type DockerArchiveReference,
  formatImageReference,
  type ImageReference,
  type OciLayoutReference,
  parseImageReference,
  type RegistryReference,
  redactUserinfo,
  registryApiHost,
} from "./sources/image-reference.js";
// --- image sources (web-standard: the registry client runs on Node and Workers) ---
export type {
  ImageConfig,
  ImageSource,
  LayerDescriptor,
  OpenBlobOptions,
  Platform,
  ResolvedImage,
} from "./sources/image-source.js";
export { MediaTypes } from "./sources/media-types.js";
export { DEFAULT_PLATFORM, formatPlatform, parsePlatform } from "./sources/platform.js";
export { type PullTarget, registryReferenceFromPull } from "./sources/pull-reference.js";
export type { RegistryCredentials } from "./sources/registry-auth.js";
export type { FetchLike } from "./sources/registry-http.js";
export { createRegistrySource, type RegistrySourceOptions } from "./sources/registry-source.js";
export { DEFAULT_REGISTRY_TIMEOUTS, MIN_PROGRESS_BYTES, type RegistryTimeouts } from "./sources/registry-timeouts.js";
export { DEFAULT_SOURCE_LIMITS, type SourceLimits } from "./sources/source-limits.js";
// --- end image sources ---

// --- advisories, matching, reports ---
export * from "./advisories/index.js";
export * from "./matching/index.js";
export * from "./reports/index.js";

// --- end advisories, matching, reports ---

export { DEFAULT_OSV_EXPORTS } from "./package-types.js";
// --- the scan pipeline (CLI, Node runner, Workers consumer) ---
export {
  createImageScanner,
  type ImageScannerDeps,
  type ImageScanPipeline,
  type ImageScanResult,
} from "./scan/create-image-scanner.js";
export { parseInventoryDocument, toInventoryDocument } from "./scan/inventory-document.js";
export { openPullSource } from "./scan/open-pull-source.js";
export { type ScanWarning, scanWarnings } from "./scan/scan-warnings.js";
