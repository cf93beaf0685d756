import type { ImageScanRequest } from "@regscan/core";
import type { ImageSource } from "../sources/image-source.js";
import { registryReferenceFromPull } from "../sources/pull-reference.js";
import { createRegistrySource, type RegistrySourceOptions } from "../sources/registry-source.js";

/**
 * The registry source of a scan request: the pull coordinates' registry (a host, or an
 * `http://` base URL for a local test registry), repository and reference, with the
 * coordinates' credentials sent only to that registry.
 */
export function openPullSource(
  request: ImageScanRequest,
  options: Omit<RegistrySourceOptions, "ref" | "credentials" | "insecure" | "platform"> = {},
): ImageSource {
  const { ref, insecure } = registryReferenceFromPull(request.pull);
  return createRegistrySource({
    ...options,
    ref,
    insecure,
    credentials: { username: request.pull.username, password: request.pull.password },
    ...(request.platform ? { platform: request.platform } : {}),
  });
}
