// Node entry point of @regscan/scanner (`@regscan/scanner/node`): everything that needs node: APIs.

// --- image sources (Node-only: files on disk, node:crypto hashing) ---
export { openImageSource, type OpenImageSourceOptions } from "./sources/node/open-image-source.js";
export { createOciLayoutSource, type FileSourceOptions } from "./sources/node/oci-layout-source.js";
export { createDockerArchiveSource } from "./sources/node/docker-archive-source.js";
export { nodeSha256 } from "./sources/node/node-sha256.js";
// --- end image sources ---
