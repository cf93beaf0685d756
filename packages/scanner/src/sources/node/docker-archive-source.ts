/**
 * Image source over a docker-archive tarball (`docker save`, `skopeo copy … docker-archive:`).
 * There is no registry manifest: `manifestDigest` is the config digest (Docker's image ID).
 * Layers are read in place by byte range. Their mediaType comes from their first bytes: plain
 * tars (the usual case) are `application/vnd.docker.image.rootfs.diff.tar` with digest = diffID;
 * gzip / zstd layers get the gzip / zstd media type and the digest of the stored bytes.
 */
import { DomainError } from "@regscan/core";
import { formatImageReference, parseImageReference } from "../image-reference.js";
import type { ImageSource, LayerDescriptor, ResolvedImage } from "../image-source.js";
import { parseJson } from "../manifest-document.js";
import { MediaTypes } from "../media-types.js";
import { DEFAULT_PLATFORM, formatPlatform, parsePlatform, platformMatches } from "../platform.js";
import { parseImageConfig } from "../resolve-image.js";
import { sourceLimits } from "../source-limits.js";
import { digestOf, verifiedBlobStream } from "../verify-digest.js";
import { nodeSha256 } from "./node-sha256.js";
import type { FileSourceOptions } from "./oci-layout-source.js";
import { openFileStream, openRegularFile, readFileLimited } from "./read-file-limited.js";
import { indexTar, resolveTarEntry, type TarEntry } from "./tar-index.js";

interface ArchiveManifestEntry {
  Config?: string;
  RepoTags?: string[] | null;
  Layers?: string[];
}

async function sniff(file: string, entry: TarEntry): Promise<string> {
  const fh = await openRegularFile(file);
  try {
    const head = new Uint8Array(4);
    await fh.read(head, 0, Math.min(4, entry.size), entry.offset);
    if (head[0] === 0x1f && head[1] === 0x8b) return MediaTypes.dockerLayerGzip;
    if (head[0] === 0x28 && head[1] === 0xb5 && head[2] === 0x2f && head[3] === 0xfd) return MediaTypes.ociLayerZstd;
    return MediaTypes.dockerLayer;
  } finally {
    await fh.close();
  }
}

function normaliseName(name: string): string | undefined {
  try {
    return formatImageReference(parseImageReference(name));
  } catch {
    return undefined;
  }
}

/** Creates an ImageSource reading a docker-archive tarball; `image` is `name:tag` or `@N`. */
export function createDockerArchiveSource(
  file: string,
  options: FileSourceOptions & { image?: string } = {},
): ImageSource {
  const limits = sourceLimits(options.limits);
  const sha256 = options.sha256 ?? nodeSha256;
  const display = `docker-archive:${file}${options.image ? `:${options.image}` : ""}`;
  const tooLarge = (what: string, limit: number) => () =>
    new DomainError("image_too_large", `The ${what} of ${display} is larger than the limit of ${limit} bytes.`, {
      limit,
    });
  let state: Promise<{ image: ResolvedImage; ranges: Map<string, TarEntry> }> | undefined;

  function choose(manifest: ArchiveManifestEntry[]): ArchiveManifestEntry {
    const names = manifest.flatMap((m) => m.RepoTags ?? []);
    const wanted = options.image;
    const found =
      wanted === undefined
        ? manifest.length === 1
          ? manifest[0]
          : undefined
        : wanted.startsWith("@")
          ? manifest[Number(wanted.slice(1))]
          : manifest.find((m) => (m.RepoTags ?? []).some((t) => normaliseName(t) === normaliseName(wanted)));
    if (found) return found;
    if (wanted === undefined) {
      throw new DomainError(
        "validation_failed",
        `${file} holds ${manifest.length} images; choose one with docker-archive:${file}:NAME:TAG or :@N (names: ${names.join(", ") || "none"}).`,
      );
    }
    throw new DomainError("image_not_found", `${file} has no image ${wanted}; names: ${names.join(", ") || "none"}.`, {
      available: names,
    });
  }

  async function load(): Promise<{ image: ResolvedImage; ranges: Map<string, TarEntry> }> {
    const entries = await indexTar(file, display);
    const entry = (name: string, what: string) => {
      const e = resolveTarEntry(entries, name);
      if (!e) throw new DomainError("scan_failed", `${display} lacks ${what} ${name}.`);
      return e;
    };
    const read = (e: TarEntry, max: number, what: string) =>
      readFileLimited(file, max, tooLarge(what, max), { offset: e.offset, length: e.size });
    const manifestBytes = await read(entry("manifest.json", "its"), limits.maxManifestBytes, "manifest.json");
    const manifest = parseJson(manifestBytes, `${display} manifest.json`) as ArchiveManifestEntry[];
    if (!Array.isArray(manifest) || manifest.length === 0)
      throw new DomainError("scan_failed", `${display} has an empty manifest.json.`);
    const chosen = choose(manifest);
    if (typeof chosen.Config !== "string" || !Array.isArray(chosen.Layers)) {
      throw new DomainError("scan_failed", `${display} has a manifest.json entry without Config or Layers.`);
    }
    if (chosen.Layers.length > limits.maxLayers) {
      throw new DomainError(
        "image_too_large",
        `${display} has ${chosen.Layers.length} layers; the limit is ${limits.maxLayers}.`,
        { limit: limits.maxLayers },
      );
    }
    const configBytes = await read(entry(chosen.Config, "the config"), limits.maxConfigBytes, "config");
    const configDigest = digestOf(configBytes, sha256);
    const config = parseImageConfig(configBytes, chosen.Layers.length, display);
    const ranges = new Map<string, TarEntry>();
    const layers: LayerDescriptor[] = [];
    for (const [i, path] of chosen.Layers.entries()) {
      const e = entry(path, "layer");
      const mediaType = await sniff(file, e);
      const blobDigest = /^blobs\/sha256\/([a-f0-9]{64})$/.exec(path)?.[1];
      let digest = blobDigest ? `sha256:${blobDigest}` : (config.rootfs.diff_ids[i] ?? "");
      if (!blobDigest && mediaType !== MediaTypes.dockerLayer) {
        const hash = sha256();
        for await (const chunk of (await openFileStream(file, display, {
          offset: e.offset,
          length: e.size,
        })) as unknown as AsyncIterable<Uint8Array>)
          hash.update(chunk);
        digest = hash.digest();
      }
      ranges.set(digest, e);
      layers.push({ mediaType, digest, size: e.size });
    }
    const platform = {
      os: config.os ?? "unknown",
      architecture: config.architecture ?? "unknown",
      ...(config.variant ? { variant: config.variant } : {}),
    };
    if (options.platform !== undefined) {
      const wanted = typeof options.platform === "string" ? parsePlatform(options.platform) : options.platform;
      if (!platformMatches(wanted ?? DEFAULT_PLATFORM, platform)) {
        throw new DomainError(
          "image_not_found",
          `${display} is an image for ${formatPlatform(platform)}, not ${formatPlatform(wanted)}.`,
          {
            available: [formatPlatform(platform)],
          },
        );
      }
    }
    const image: ResolvedImage = { ref: display, manifestDigest: configDigest, configDigest, platform, config, layers };
    return { image, ranges };
  }

  const loaded = () => (state ??= load());
  return {
    async resolve() {
      return (await loaded()).image;
    },
    async openBlob(layer) {
      const range = (await loaded()).ranges.get(layer.digest);
      if (!range) throw new DomainError("scan_failed", `${display} has no layer ${layer.digest}.`);
      const label = `Layer ${layer.digest} of ${display}`;
      const unreadable = (e: unknown) =>
        new DomainError("scan_failed", `${label} could not be read: ${(e as Error).message}.`);
      const stream = await openFileStream(file, display, { offset: range.offset, length: range.size });
      return verifiedBlobStream(stream, { expected: layer, label, sha256, mapError: unreadable });
    },
  };
}
