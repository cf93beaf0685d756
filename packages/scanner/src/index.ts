// Public surface of @regscan/scanner (web-standard: runs on Node and Workers).

// --- model, catalogers, SBOM, version ordering ---
export type * from "./model.js";
export * from "./catalogers/index.js";
export { toCycloneDx, toCycloneDxJson, type CycloneDxOptions, type CycloneDxDocument } from "./sbom/cyclonedx.js";
export * from "./versions/index.js";
// --- end model, catalogers, SBOM, version ordering ---

// --- layer walk + inventory ---
export { scanImageInventory, inventoryFromLayers, type ScanInventoryOptions, type PackageFinalizer } from "./inventory/scan-image-inventory.js";
export { toInventoryJson, type InventoryJson, type InventoryJsonPackage } from "./inventory/inventory-json.js";
export { MergedView } from "./inventory/merged-view.js";
export { walkImageLayers, type WalkProgress, type WalkImageOptions } from "./walk/walk-image-layers.js";
export { walkLayer, type LayerRef, type WalkLayerOptions } from "./walk/walk-layer.js";
export { DEFAULT_WALK_LIMITS, emptyLayerFiles, type LayerFiles, type WalkLimits } from "./walk/layer-files.js";
export { webDecompressor, type Compression, type Decompressor } from "./walk/decompressor.js";
export { webSha256, type Sha256Factory, type Sha256Hash } from "./walk/sha256.js";
export { createMemoryLayerCache, noLayerCache, type LayerCache } from "./walk/layer-cache.js";
export { decodeLayerFiles, encodeLayerFiles } from "./walk/layer-files-codec.js";
export { createFileSelector, type FileSelector, type FileWanter } from "./walk/file-selector.js";
// --- end layer walk + inventory ---

// --- image sources (web-standard: the registry client runs on Node and Workers) ---
export type { ImageSource, ResolvedImage, LayerDescriptor, ImageConfig, Platform, OpenBlobOptions } from "./sources/image-source.js";
export {
  parseImageReference,
  formatImageReference,
  registryApiHost,
  DOCKER_HUB,
  type ImageReference,
  type RegistryReference,
  type OciLayoutReference,
  type DockerArchiveReference,
} from "./sources/image-reference.js";
export { createRegistrySource, type RegistrySourceOptions } from "./sources/registry-source.js";
export type { RegistryCredentials } from "./sources/registry-auth.js";
export { registryReferenceFromPull, type PullTarget } from "./sources/pull-reference.js";
export { parsePlatform, formatPlatform, DEFAULT_PLATFORM } from "./sources/platform.js";
export { MediaTypes } from "./sources/media-types.js";
export { DEFAULT_SOURCE_LIMITS, type SourceLimits } from "./sources/source-limits.js";
export type { FetchLike } from "./sources/registry-http.js";
// --- end image sources ---

// --- advisories, matching, reports ---
export * from "./advisories/index.js";
export * from "./matching/index.js";
export * from "./reports/index.js";
// --- end advisories, matching, reports ---
