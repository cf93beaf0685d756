/**
 * Image source over an OCI image layout directory (`oci:DIR[:TAG]`, as skopeo and umoci write it).
 * The tag is the `org.opencontainers.image.ref.name` annotation in index.json; without a tag the
 * layout must hold exactly one image. A tag may point to an index (platform selection applies).
 */
import { join } from "node:path";
import { DomainError, isDomainError } from "@regscan/core";
import type { Sha256Factory } from "../../walk/sha256.js";
import type { ImageSource, Platform } from "../image-source.js";
import { type Descriptor, parseJson } from "../manifest-document.js";
import { DEFAULT_PLATFORM, parsePlatform } from "../platform.js";
import { type ManifestStore, resolveImage } from "../resolve-image.js";
import { type SourceLimits, sourceLimits } from "../source-limits.js";
import { SHA256_DIGEST, verifiedBlobStream } from "../verify-digest.js";
import { nodeSha256 } from "./node-sha256.js";
import { openFileStream, readFileLimited } from "./read-file-limited.js";

export interface FileSourceOptions {
  platform?: Platform | string;
  limits?: Partial<SourceLimits>;
  sha256?: Sha256Factory;
}

const REF_NAME = "org.opencontainers.image.ref.name";

/** Creates an ImageSource reading an OCI image layout directory. */
export function createOciLayoutSource(dir: string, tag?: string, options: FileSourceOptions = {}): ImageSource {
  const limits = sourceLimits(options.limits);
  const sha256 = options.sha256 ?? nodeSha256;
  const display = `oci:${dir}${tag ? `:${tag}` : ""}`;
  const blobPath = (digest: string) => {
    if (!SHA256_DIGEST.test(digest))
      throw new DomainError("image_unsupported", `${display} refers to ${digest}; only sha256 is supported.`);
    return join(dir, "blobs", "sha256", digest.slice("sha256:".length));
  };
  const tooLarge = (what: string, limit: number) => () =>
    new DomainError("image_too_large", `The ${what} of ${display} is larger than the limit of ${limit} bytes.`, {
      limit,
    });
  const missing = (what: string) => (e: unknown) => {
    throw (e as { name?: string }).name === "DomainError"
      ? e
      : new DomainError("scan_failed", `${display}: ${what} is missing or unreadable.`);
  };

  async function topDescriptor(): Promise<Descriptor> {
    await readFileLimited(join(dir, "oci-layout"), 4096, tooLarge("oci-layout file", 4096)).catch((e: unknown) => {
      const reason = isDomainError(e) ? e.details?.reason : undefined;
      if (reason !== "ENOENT" && reason !== "ENOTDIR") throw e;
      throw new DomainError("scan_failed", `${dir} is not an OCI image layout (no oci-layout file).`);
    });
    const bytes = await readFileLimited(
      join(dir, "index.json"),
      limits.maxManifestBytes,
      tooLarge("index.json", limits.maxManifestBytes),
    );
    const index = parseJson(bytes, `${display} index.json`) as {
      manifests?: Array<Descriptor & { annotations?: Record<string, string> }>;
    };
    const manifests = Array.isArray(index?.manifests) ? index.manifests : [];
    const tags = manifests.map((m) => m.annotations?.[REF_NAME]).filter((t): t is string => typeof t === "string");
    if (tag !== undefined) {
      const found = manifests.find((m) => m.annotations?.[REF_NAME] === tag);
      if (!found) {
        throw new DomainError(
          "tag_not_found",
          `${dir} has no image tagged ${tag}; tags: ${tags.join(", ") || "none"}.`,
          { tag, available: tags },
        );
      }
      return found;
    }
    if (manifests.length !== 1 || !manifests[0]) {
      throw new DomainError(
        manifests.length === 0 ? "image_not_found" : "validation_failed",
        manifests.length === 0
          ? `${dir} holds no image.`
          : `${dir} holds ${manifests.length} images; choose one with oci:${dir}:TAG (tags: ${tags.join(", ") || "none"}).`,
        { available: tags },
      );
    }
    return manifests[0];
  }

  const store: ManifestStore = {
    async fetchManifest(reference, maxBytes) {
      return {
        bytes: await readFileLimited(blobPath(reference), maxBytes, tooLarge("manifest", maxBytes)).catch(
          missing(`manifest ${reference}`),
        ),
      };
    },
    async fetchBlob(descriptor, maxBytes) {
      return readFileLimited(blobPath(descriptor.digest), maxBytes, tooLarge("config", maxBytes)).catch(
        missing(`blob ${descriptor.digest}`),
      );
    },
  };

  return {
    async resolve(o) {
      const top = await topDescriptor();
      return resolveImage(store, {
        ref: display,
        reference: top.digest,
        platform:
          options.platform === undefined
            ? DEFAULT_PLATFORM
            : typeof options.platform === "string"
              ? parsePlatform(options.platform)
              : options.platform,
        explicitPlatform: options.platform !== undefined,
        limits,
        sha256,
        signal: o?.signal,
      });
    },
    async openBlob(layer) {
      const label = `Layer ${layer.digest} of ${display}`;
      const stream = await openFileStream(blobPath(layer.digest), label);
      const unreadable = (e: unknown) =>
        new DomainError("scan_failed", `${label} could not be read: ${(e as Error).message}.`);
      return verifiedBlobStream(stream, { expected: layer, label, sha256, mapError: unreadable });
    },
  };
}
