/**
 * Resolution shared by the registry and OCI layout sources: manifest (or index → platform →
 * manifest), digest checks, limits, then the config.
 */
import { DomainError } from "@regscan/core";
import type { Sha256Factory } from "../walk/sha256.js";
import type { ImageConfig, Platform, ResolvedImage } from "./image-source.js";
import { type Descriptor, parseJson, parseManifestDocument } from "./manifest-document.js";
import { formatPlatform, platformMatches, selectPlatform } from "./platform.js";
import type { SourceLimits } from "./source-limits.js";
import { digestOf, SHA256_DIGEST } from "./verify-digest.js";

/** How a source reads manifests and small blobs. */
export interface ManifestStore {
  /** A manifest by tag or digest: its raw bytes (at most `maxBytes`) and Content-Type if known. */
  fetchManifest(
    reference: string,
    maxBytes: number,
    signal?: AbortSignal,
  ): Promise<{ bytes: Uint8Array; contentType?: string }>;
  /** A small blob (the config), at most `maxBytes`; the digest is checked by the caller. */
  fetchBlob(descriptor: Descriptor, maxBytes: number, signal?: AbortSignal): Promise<Uint8Array>;
}

export interface ResolveOptions {
  /** Normalised reference text for ResolvedImage.ref and messages. */
  ref: string;
  /** Tag or digest to look up in the store. */
  reference: string;
  /** Platform to pick from an index; `explicit` = the user asked for it (so a mismatch fails). */
  platform: Platform;
  explicitPlatform: boolean;
  limits: SourceLimits;
  sha256: Sha256Factory;
  signal?: AbortSignal;
}

function tooLarge(what: string, limit: number, ref: string): DomainError {
  return new DomainError("image_too_large", `The ${what} of ${ref} is larger than the limit of ${limit} bytes.`, {
    limit,
  });
}

async function fetchManifest(
  store: ManifestStore,
  reference: string,
  expected: Descriptor | undefined,
  o: ResolveOptions,
) {
  if (expected && expected.size > o.limits.maxManifestBytes)
    throw tooLarge("manifest", o.limits.maxManifestBytes, o.ref);
  const { bytes, contentType } = await store.fetchManifest(reference, o.limits.maxManifestBytes, o.signal);
  if (bytes.byteLength > o.limits.maxManifestBytes) throw tooLarge("manifest", o.limits.maxManifestBytes, o.ref);
  const digest = digestOf(bytes, o.sha256);
  const wanted = expected?.digest ?? (SHA256_DIGEST.test(reference) ? reference : undefined);
  if (wanted && digest !== wanted) {
    throw new DomainError(
      "scan_failed",
      `The manifest of ${o.ref} does not match its digest ${wanted} (got ${digest}).`,
    );
  }
  return { bytes, contentType, digest };
}

/** Resolves an image through `store`. Errors are DomainErrors. */
export async function resolveImage(store: ManifestStore, o: ResolveOptions): Promise<ResolvedImage> {
  let m = await fetchManifest(store, o.reference, undefined, o);
  let doc = parseManifestDocument(m.bytes, m.contentType, `The manifest of ${o.ref}`);
  let platform: Platform | undefined;
  if (doc.kind === "index") {
    const images = doc.manifests.filter(
      (d) => !d.mediaType.includes("index") && !d.mediaType.includes("manifest.list"),
    );
    const chosen = selectPlatform(images, o.platform, o.ref);
    platform = chosen.platform;
    m = await fetchManifest(store, chosen.digest, chosen, o);
    doc = parseManifestDocument(
      m.bytes,
      m.contentType,
      `The ${formatPlatform(chosen.platform ?? o.platform)} manifest of ${o.ref}`,
    );
    if (doc.kind !== "image")
      throw new DomainError("image_unsupported", `${o.ref} has nested indexes, which regscan does not read.`);
  }
  if (doc.layers.length > o.limits.maxLayers) {
    throw new DomainError(
      "image_too_large",
      `${o.ref} has ${doc.layers.length} layers; the limit is ${o.limits.maxLayers}.`,
      {
        limit: o.limits.maxLayers,
      },
    );
  }
  if (doc.config.size > o.limits.maxConfigBytes) throw tooLarge("config", o.limits.maxConfigBytes, o.ref);
  const configBytes = await store.fetchBlob(doc.config, o.limits.maxConfigBytes, o.signal);
  if (configBytes.byteLength > o.limits.maxConfigBytes) throw tooLarge("config", o.limits.maxConfigBytes, o.ref);
  const configDigest = digestOf(configBytes, o.sha256);
  if (configDigest !== doc.config.digest) {
    throw new DomainError("scan_failed", `The config of ${o.ref} does not match its digest ${doc.config.digest}.`);
  }
  const config = parseImageConfig(configBytes, doc.layers.length, o.ref);
  const fromConfig: Platform = {
    os: config.os ?? "unknown",
    architecture: config.architecture ?? "unknown",
    ...(config.variant ? { variant: config.variant } : {}),
  };
  if (!platform && o.explicitPlatform && !platformMatches(o.platform, fromConfig)) {
    throw new DomainError(
      "image_not_found",
      `${o.ref} is a single-platform image for ${formatPlatform(fromConfig)}, not ${formatPlatform(o.platform)}.`,
      { platform: formatPlatform(o.platform), available: [formatPlatform(fromConfig)] },
    );
  }
  return {
    ref: o.ref,
    manifestDigest: m.digest,
    configDigest,
    platform: platform ?? fromConfig,
    config,
    layers: doc.layers,
  };
}

/** Parses and checks an image config: `rootfs.diff_ids` must pair one-to-one with the layers. */
export function parseImageConfig(bytes: Uint8Array, layerCount: number, ref: string): ImageConfig {
  const config = parseJson(bytes, `The config of ${ref}`) as ImageConfig | null;
  const diffIds = config?.rootfs?.diff_ids;
  if (
    !config ||
    typeof config !== "object" ||
    !Array.isArray(diffIds) ||
    !diffIds.every((d) => SHA256_DIGEST.test(d))
  ) {
    throw new DomainError("scan_failed", `The config of ${ref} has no valid rootfs.diff_ids.`);
  }
  if (diffIds.length !== layerCount) {
    throw new DomainError(
      "scan_failed",
      `The config of ${ref} lists ${diffIds.length} diff_ids for ${layerCount} layers.`,
    );
  }
  return config;
}
