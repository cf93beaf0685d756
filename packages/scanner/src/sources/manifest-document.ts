/** Parsing and validating manifest / index documents (OCI and Docker v2 schema 2). */
import { DomainError } from "@regscan/core";
import type { LayerDescriptor, Platform } from "./image-source.js";
import {
  CONFIG_MEDIA_TYPES,
  IMAGE_MANIFEST_MEDIA_TYPES,
  INDEX_MEDIA_TYPES,
  LAYER_MEDIA_TYPES,
  MediaTypes,
} from "./media-types.js";
import { SHA256_DIGEST } from "./verify-digest.js";

export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  platform?: Platform;
}

export type ManifestDocument =
  | { kind: "index"; mediaType: string; manifests: Descriptor[] }
  | { kind: "image"; mediaType: string; config: Descriptor; layers: LayerDescriptor[] };

const decoder = new TextDecoder();

/** Parses JSON, failing with `scan_failed` naming what was read. */
export function parseJson(bytes: Uint8Array, label: string): unknown {
  try {
    return JSON.parse(decoder.decode(bytes));
  } catch {
    throw new DomainError("scan_failed", `${label} is not valid JSON.`);
  }
}

function unsupported(label: string, why: string): DomainError {
  return new DomainError("image_unsupported", `${label} ${why}.`);
}

function descriptor(value: unknown, label: string): Descriptor {
  const d = value as Partial<Descriptor> | null;
  if (!d || typeof d !== "object" || typeof d.digest !== "string" || typeof d.mediaType !== "string") {
    throw new DomainError("scan_failed", `${label} has a descriptor without mediaType or digest.`);
  }
  if (!SHA256_DIGEST.test(d.digest)) {
    throw unsupported(label, `uses digest "${d.digest.slice(0, 80)}"; only sha256 digests are supported`);
  }
  if (typeof d.size !== "number" || !Number.isSafeInteger(d.size) || d.size < 0) {
    throw new DomainError("scan_failed", `${label} has a descriptor with an invalid size.`);
  }
  const out: Descriptor = { mediaType: d.mediaType, digest: d.digest, size: d.size };
  const p = d.platform as Partial<Platform> | undefined;
  if (p && typeof p.os === "string" && typeof p.architecture === "string") {
    out.platform = { os: p.os, architecture: p.architecture, ...(p.variant ? { variant: String(p.variant) } : {}) };
  }
  return out;
}

/**
 * Parses a manifest or index. `contentType` is the HTTP Content-Type (used when the document
 * has no `mediaType`). Schema 1, artifacts and encrypted layers are `image_unsupported`.
 */
export function parseManifestDocument(
  bytes: Uint8Array,
  contentType: string | undefined,
  label: string,
): ManifestDocument {
  const doc = parseJson(bytes, label) as Record<string, unknown> | null;
  if (!doc || typeof doc !== "object") throw new DomainError("scan_failed", `${label} is not a JSON object.`);
  const header = contentType?.split(";")[0]?.trim();
  if (doc.schemaVersion === 1 || header === MediaTypes.dockerSchema1 || header === MediaTypes.dockerSchema1Signed) {
    throw unsupported(
      label,
      "is a Docker schema 1 manifest, which regscan cannot read; push the image again with a current Docker or skopeo (schema 2 / OCI)",
    );
  }
  if (doc.schemaVersion !== 2) throw new DomainError("scan_failed", `${label} has no schemaVersion 2.`);
  const mediaType =
    typeof doc.mediaType === "string" && doc.mediaType !== ""
      ? doc.mediaType
      : header && [...INDEX_MEDIA_TYPES, ...IMAGE_MANIFEST_MEDIA_TYPES].includes(header)
        ? header
        : Array.isArray(doc.manifests)
          ? MediaTypes.ociIndex
          : MediaTypes.ociManifest;
  if (INDEX_MEDIA_TYPES.includes(mediaType)) {
    if (!Array.isArray(doc.manifests)) throw new DomainError("scan_failed", `${label} is an index without manifests.`);
    const manifests = doc.manifests.map((m) => descriptor(m, label));
    return { kind: "index", mediaType, manifests };
  }
  if (!IMAGE_MANIFEST_MEDIA_TYPES.includes(mediaType))
    throw unsupported(label, `has unsupported media type ${mediaType}`);
  const config = descriptor(doc.config, label);
  if (!CONFIG_MEDIA_TYPES.includes(config.mediaType)) {
    throw unsupported(label, `is not a container image (its config is ${config.mediaType}; an OCI artifact?)`);
  }
  if (!Array.isArray(doc.layers)) throw new DomainError("scan_failed", `${label} has no layers array.`);
  const layers = doc.layers.map((l): LayerDescriptor => {
    const d = descriptor(l, label);
    if (d.mediaType.includes("+encrypted")) throw unsupported(label, "has encrypted layers");
    if (!LAYER_MEDIA_TYPES.includes(d.mediaType))
      throw unsupported(label, `has a layer of unsupported type ${d.mediaType}`);
    return { mediaType: d.mediaType, digest: d.digest, size: d.size };
  });
  return { kind: "image", mediaType, config, layers };
}
