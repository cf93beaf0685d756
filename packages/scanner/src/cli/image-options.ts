/**
 * Options every image-reading command shares (sbom, scan): where the image is, how to reach it,
 * and how to walk it. `cliImageScanner` is the one place the CLI wires the scanner's adapters into
 * the scan pipeline.
 */

import { type Command, Option } from "commander";
import type { AdvisoryStore } from "../advisories/advisory-store.js";
import { defaultCatalogers, finalizePackage } from "../catalogers/index.js";
import type { ImageInventory } from "../model.js";
import { createImageScanner, type ImageScanPipeline } from "../scan/create-image-scanner.js";
import { nodeSha256 } from "../sources/node/node-sha256.js";
import { openImageSource } from "../sources/node/open-image-source.js";
import { noLayerCache } from "../walk/layer-cache.js";
import { DEFAULT_WALK_LIMITS } from "../walk/layer-files.js";
import { createFsLayerCache, defaultCacheDir } from "../walk/node/fs-layer-cache.js";
import { zlibDecompressor } from "../walk/node/zlib-decompressor.js";
import { parseSize } from "../walk/parse-size.js";
import { type CliEnv, cliEnv } from "./cli-env.js";
import type { CliIo } from "./cli-io.js";
import { imageSourceOptions } from "./image-source-options.js";
import { createProgressLine } from "./progress-line.js";

export interface ImageOptions {
  platform?: string;
  creds?: string;
  insecure?: boolean;
  /** False with --no-cache. */
  cache: boolean;
  quiet?: boolean;
  /** `--timeout 30s`: how long to wait on a registry. */
  timeout?: string;
  /** `--max-uncompressed-size SIZE`: the walk's uncompressed byte budget. */
  maxUncompressedSize?: string;
}

/** Adds --platform, --creds, --insecure, --timeout, --no-cache and --quiet to a command. */
export function addImageOptions(command: Command): Command {
  return command
    .option("--platform <os/arch[/variant]>", "platform to pick from a multi-platform image (default linux/amd64)")
    .addOption(
      new Option(
        "--creds <user:password>",
        "registry credentials (otherwise REGSCAN_REGISTRY_USERNAME/PASSWORD for Scaleway and REGSCAN_REGISTRY_HOSTS, then auth.json and ~/.docker/config.json)",
      ),
    )
    .option("--insecure", "allow plain http:// to the registry")
    .option(
      "--timeout <duration>",
      "how long to wait on the registry for a response and for each 16 KiB of a body (a manifest: twice that in all), e.g. 30s, 2m (default 30s)",
    )
    .option("--no-cache", "do not read or write the layer cache (REGSCAN_CACHE_DIR)")
    .option(
      "--max-uncompressed-size <size>",
      "stop with image_too_large past this much uncompressed layer data, e.g. 8GiB, 512MiB or bytes (default 16GiB)",
    )
    .option("-q, --quiet", "no progress output");
}

/** Help text of the REF argument every image command takes. */
export const IMAGE_REF_HELP = "image: docker://HOST/REPO:TAG, HOST/REPO@sha256:…, oci:DIR[:TAG], docker-archive:FILE";

/**
 * The scan pipeline as the CLI runs it: node:zlib, node:crypto, the layer cache folder, the walk
 * limits of the options and, for `scan`, the advisory store. The image source is opened per
 * command (any transport: registry, OCI layout, docker-archive).
 */
export function cliImageScanner(options: ImageOptions, io: CliIo, advisories?: AdvisoryStore): ImageScanPipeline {
  const env = cliEnv(io.env);
  return createImageScanner({
    openSource: () => {
      throw new Error("the CLI opens its image sources itself (inventorySource / scanSource)");
    },
    catalogers: defaultCatalogers,
    finalize: finalizePackage,
    ...(advisories ? { advisories } : {}),
    cache: options.cache ? createFsLayerCache(defaultCacheDir(env), cacheOptionsFrom(env)) : noLayerCache,
    limits: walkLimitsFrom(options),
    decompressor: zlibDecompressor,
    sha256: nodeSha256,
  });
}

/** Resolves, walks and catalogs the image `ref` the options describe (progress on a terminal). */
export async function inventoryImage(
  ref: string,
  options: ImageOptions,
  io: CliIo,
  pipeline: ImageScanPipeline = cliImageScanner(options, io),
): Promise<ImageInventory> {
  const registry = await imageSourceOptions(ref, options, io);
  const source = openImageSource(registry.ref, {
    ...registry.options,
    platform: options.platform,
    sha256: nodeSha256,
  });
  const progress = createProgressLine(io.stderr, io.stderr.isTTY === true && options.quiet !== true);
  try {
    return await pipeline.inventorySource(source, {
      onProgress: (p) => {
        if (p.phase === "pulling") progress.update(p);
      },
    });
  } finally {
    progress.done();
  }
}

/** The walk limits the options set (`--max-uncompressed-size`). */
function walkLimitsFrom(options: ImageOptions): { maxUncompressedBytes: number } {
  const size = options.maxUncompressedSize;
  return {
    maxUncompressedBytes:
      size === undefined ? DEFAULT_WALK_LIMITS.maxUncompressedBytes : parseSize(size, "--max-uncompressed-size"),
  };
}

/** `REGSCAN_CACHE_MAX_SIZE` bounds the layer cache folder. */
function cacheOptionsFrom(env: CliEnv): { maxBytes?: number } {
  const size = env.REGSCAN_CACHE_MAX_SIZE;
  return size === undefined || size === "" ? {} : { maxBytes: parseSize(size, "REGSCAN_CACHE_MAX_SIZE") };
}
