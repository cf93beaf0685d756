// Node entry point of @regscan/scanner (`@regscan/scanner/node`): everything that needs node: APIs.

export { createDockerArchiveSource } from "./sources/node/docker-archive-source.js";
export { nodeSha256 } from "./sources/node/node-sha256.js";
export { createOciLayoutSource, type FileSourceOptions } from "./sources/node/oci-layout-source.js";
// --- image sources (Node-only: files on disk, node:crypto hashing) ---
export { type OpenImageSourceOptions, openImageSource } from "./sources/node/open-image-source.js";

// --- end image sources ---

export type { CliIo, CliOutput } from "./cli/cli-io.js";
export { type CliCommand, type CommandEntry, commands } from "./cli/commands/index.js";
export { EXIT, exitCodeFor } from "./cli/exit-codes.js";
export { runCli } from "./cli/run-cli.js";
export {
  createFsLayerCache,
  DEFAULT_CACHE_MAX_BYTES,
  DEFAULT_CACHE_MAX_ENTRY_BYTES,
  defaultCacheDir,
  type FsLayerCacheOptions,
} from "./walk/node/fs-layer-cache.js";
// --- layer walk + CLI (Node adapters) ---
export { zlibDecompressor } from "./walk/node/zlib-decompressor.js";

// --- end layer walk + CLI ---

export { importPaths } from "./advisories/node/import-paths.js";
// --- advisory database (Node-only: files on disk, default cache location) ---
export { advisoryDbUrl, openAdvisoryStore } from "./cli/advisory-database.js";
// --- end advisory database ---
