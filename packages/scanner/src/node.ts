// Node entry point of @regscan/scanner (`@regscan/scanner/node`): everything that needs node: APIs.

// --- image sources (Node-only: files on disk, node:crypto hashing) ---
export { openImageSource, type OpenImageSourceOptions } from "./sources/node/open-image-source.js";
export { createOciLayoutSource, type FileSourceOptions } from "./sources/node/oci-layout-source.js";
export { createDockerArchiveSource } from "./sources/node/docker-archive-source.js";
export { nodeSha256 } from "./sources/node/node-sha256.js";
// --- end image sources ---

// --- layer walk + CLI (Node adapters) ---
export { zlibDecompressor } from "./walk/node/zlib-decompressor.js";
export { createFsLayerCache, defaultCacheDir } from "./walk/node/fs-layer-cache.js";
export { runCli } from "./cli/run-cli.js";
export type { CliIo, CliOutput } from "./cli/cli-io.js";
export { commands, type CliCommand, type CommandEntry } from "./cli/commands/index.js";
export { EXIT, exitCodeFor } from "./cli/exit-codes.js";
// --- end layer walk + CLI ---

// --- advisory database (Node-only: files on disk, default cache location) ---
export { advisoryDbUrl, openAdvisoryStore } from "./advisories/node/open-advisory-store.js";
export { importPaths } from "./advisories/node/import-paths.js";
// --- end advisory database ---
