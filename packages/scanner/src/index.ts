// Public surface of @regscan/scanner (web-standard: runs on Node and Workers).

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
