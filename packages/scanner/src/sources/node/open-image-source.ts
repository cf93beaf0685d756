/** Opens any image reference on Node: registry, OCI layout directory or docker-archive file. */

import { type ImageReference, parseImageReference } from "../image-reference.js";
import type { ImageSource } from "../image-source.js";
import { createRegistrySource, type RegistrySourceOptions } from "../registry-source.js";
import { createDockerArchiveSource } from "./docker-archive-source.js";
import { nodeHttpFetch } from "./node-http-fetch.js";
import { nodeSha256 } from "./node-sha256.js";
import { createOciLayoutSource } from "./oci-layout-source.js";

export type OpenImageSourceOptions = Omit<RegistrySourceOptions, "ref">;

/**
 * Parses `ref` (skopeo syntax; throws DomainError `validation_failed`) and creates the matching
 * source, hashing with node:crypto and talking to registries over node:http(s) unless
 * `options.fetch` says otherwise. Registry options are ignored by the file-based sources.
 */
export function openImageSource(ref: string | ImageReference, options: OpenImageSourceOptions = {}): ImageSource {
  const parsed = typeof ref === "string" ? parseImageReference(ref) : ref;
  const common = { platform: options.platform, limits: options.limits, sha256: options.sha256 ?? nodeSha256 };
  switch (parsed.transport) {
    case "docker":
      return createRegistrySource({ fetch: nodeHttpFetch, ...options, ...common, ref: parsed });
    case "oci":
      return createOciLayoutSource(parsed.path, parsed.tag, common);
    case "docker-archive":
      return createDockerArchiveSource(parsed.path, { ...common, image: parsed.image });
  }
}
