/**
 * The inventory use case: resolve an image, walk its layers (streamed, cached, a few at a time),
 * replay them as views, run the catalogers, and report every package with the layer that
 * introduced it.
 */

import { detectOs, OS_RELEASE_MAX_SIZE, wantsOsFile } from "../catalogers/os-release.js";
import type { CatalogedPackage, Cataloger, ImageInventory, ImagePackage, Notice, OsInfo } from "../model.js";
import type { ImageSource, ResolvedImage } from "../sources/image-source.js";
import { type Decompressor, webDecompressor } from "../walk/decompressor.js";
import { createFileSelector, type FileWanter } from "../walk/file-selector.js";
import { type LayerCache, noLayerCache } from "../walk/layer-cache.js";
import { DEFAULT_WALK_LIMITS, type LayerFiles, type WalkLimits } from "../walk/layer-files.js";
import { type Sha256Factory, webSha256 } from "../walk/sha256.js";
import { type WalkProgress, walkImageLayers } from "../walk/walk-image-layers.js";
import { CatalogerRunner } from "./cataloger-runner.js";
import { MergedView } from "./merged-view.js";

/**
 * Adds what only the whole image knows (OSV ecosystem, purl, introducing layer's diffID) to a
 * cataloged package: `finalizePackage` from the catalogers.
 */
export type PackageFinalizer = (pkg: CatalogedPackage, os: OsInfo | null, layer: string) => ImagePackage;

export interface ScanInventoryOptions {
  /** The cataloger plug-ins, in registration order. */
  catalogers: readonly Cataloger[];
  finalize: PackageFinalizer;
  /** Default: no cache. */
  cache?: LayerCache;
  /** Default: the web decompressor (fflate, fzstd); the Node entry passes `node:zlib`. */
  decompressor?: Decompressor;
  /** Default: pure-JS SHA-256; the Node entry passes `node:crypto`. */
  sha256?: Sha256Factory;
  onProgress?: (progress: WalkProgress) => void;
  signal?: AbortSignal;
  limits?: Partial<WalkLimits>;
}

/** The walk keeps the os-release files for OS detection alongside the catalogers' files. */
const osReleaseWanter: FileWanter = { id: "os-release", maxFileSize: OS_RELEASE_MAX_SIZE, wants: wantsOsFile };

/**
 * Inventories an image. Throws DomainError from the source (`image_not_found`, …) or the walk
 * (`scan_failed` naming the layer, `image_too_large`).
 */
export async function scanImageInventory(source: ImageSource, options: ScanInventoryOptions): Promise<ImageInventory> {
  const image = await source.resolve({ signal: options.signal });
  const selector = createFileSelector([...options.catalogers, osReleaseWanter]);
  const layers: LayerFiles[] = [];
  for await (const files of walkImageLayers(source, image, {
    selector,
    decompressor: options.decompressor ?? webDecompressor,
    sha256: options.sha256 ?? webSha256,
    cache: options.cache ?? noLayerCache,
    limits: { ...DEFAULT_WALK_LIMITS, ...options.limits },
    onProgress: options.onProgress,
    signal: options.signal,
  })) {
    layers.push(files);
  }
  return inventoryFromLayers(image, layers, options);
}

/** Replays walked layers into an inventory (no I/O). Exposed for tests and other sources. */
export function inventoryFromLayers(
  image: ResolvedImage,
  layers: readonly LayerFiles[],
  options: Pick<ScanInventoryOptions, "catalogers" | "finalize">,
): ImageInventory {
  const finalView = new MergedView();
  for (const layer of layers) finalView.apply(layer);
  const os = detectOs(finalView);

  const runner = new CatalogerRunner(options.catalogers, os);
  const view = new MergedView();
  for (const [index, layer] of layers.entries()) runner.afterLayer(index, view, view.apply(layer));

  const packages = runner.packages().map(({ pkg, since }) => options.finalize(pkg, os, layers[since]?.diffId ?? ""));
  return {
    schemaVersion: 1,
    artifact: {
      ref: image.ref,
      digest: image.manifestDigest,
      os: os === null ? null : { family: os.family, version: os.version },
      layers: image.layers.map((l, i) => ({
        digest: l.digest,
        diffId: image.config.rootfs.diff_ids[i] ?? "",
        size: l.size,
      })),
      platform: formatPlatform(image),
    },
    packages,
    notices: dedupeNotices([...layers.flatMap((l) => l.notices), ...runner.notices()]),
  };
}

function formatPlatform(image: ResolvedImage): string {
  const { os, architecture, variant } = image.platform;
  return variant ? `${os}/${architecture}/${variant}` : `${os}/${architecture}`;
}

function dedupeNotices(notices: Notice[]): Notice[] {
  const seen = new Set<string>();
  return notices.filter((n) => {
    const key = `${n.code}\u0000${n.path ?? ""}\u0000${n.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
