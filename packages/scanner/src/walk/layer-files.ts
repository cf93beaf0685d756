/**
 * What the layer walk keeps from one layer: the files some cataloger wants, and the layer's
 * whiteouts. Small by construction (only wanted files, each under a size cap), so it can be
 * cached and merged without touching the layer again.
 */

import type { Notice } from "../model.js";

export interface LayerFiles {
  /** Uncompressed digest of the layer (config.rootfs.diff_ids[i]), verified while walking. */
  diffId: string;
  /** Wanted regular files, by relative path ("var/lib/dpkg/status"). */
  files: Map<string, Uint8Array>;
  /** Wanted paths that are symbolic links, with their link target as stored in the tar. */
  symlinks: Map<string, string>;
  /** Paths removed from lower layers by `.wh.<name>` entries (the path and all below it). */
  deletions: string[];
  /** Directories whose lower-layer contents are hidden by a `.wh..wh..opq` entry. */
  opaqueDirs: string[];
  /** Things worth telling (a wanted file over its size cap, an unresolved hard link). */
  notices: Notice[];
  /** Uncompressed size of the layer in bytes (counts toward the image's byte limit). */
  size: number;
}

/** Limits that keep a hostile or huge image from exhausting memory, disk or time. */
export interface WalkLimits {
  /** Total uncompressed bytes over all walked layers; beyond it: `image_too_large`. */
  maxUncompressedBytes: number;
  /** Layer count; beyond it: `image_too_large`. */
  maxLayers: number;
  /** Layers walked at the same time (downloads + decompression). */
  concurrency: number;
  /**
   * Bytes of wanted files one layer may keep for the catalogers. Past it, further wanted files
   * are skipped with a `kept_bytes_exceeded` notice marked `incomplete`.
   */
  maxKeptBytesPerLayer: number;
  /** The same, over all layers of the image (what a scan holds in memory). */
  maxKeptBytes: number;
}

/**
 * Defaults. The uncompressed budget is the scanner's own default (16 GiB: the largest common
 * images, CUDA / ML ones, run 10-15 GiB); the CLI's `--max-uncompressed-size` and the API's
 * `REGSCAN_SCAN_MAX_UNCOMPRESSED_SIZE` set it. Kept files: real images keep a few MiB (dpkg status,
 * package.json files, an rpmdb of 5-100 MiB), so 128 MiB per layer and 256 MiB per image leave
 * room while bounding memory.
 */
export const DEFAULT_WALK_LIMITS: WalkLimits = {
  maxUncompressedBytes: 16 * 1024 ** 3,
  maxLayers: 256,
  concurrency: 2,
  maxKeptBytesPerLayer: 128 * 1024 ** 2,
  maxKeptBytes: 256 * 1024 ** 2,
};

/** An empty result, for layers that are only whiteouts or hold nothing wanted. */
export function emptyLayerFiles(diffId: string): LayerFiles {
  return { diffId, files: new Map(), symlinks: new Map(), deletions: [], opaqueDirs: [], notices: [], size: 0 };
}
