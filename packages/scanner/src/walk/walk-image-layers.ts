/**
 * Walks all layers of a resolved image, a few at a time, and yields their results in layer
 * order. Cached layers are not downloaded. The first failure aborts the layers in flight.
 */

import { DomainError } from "@regscan/core";
import type { ImageSource, ResolvedImage } from "../sources/image-source.js";
import { ByteBudget } from "./byte-budget.js";
import type { Decompressor } from "./decompressor.js";
import type { FileSelector } from "./file-selector.js";
import { ImageKeptBytes, LayerKeptBytes } from "./kept-bytes.js";
import type { LayerCache } from "./layer-cache.js";
import type { LayerFiles, WalkLimits } from "./layer-files.js";
import type { Sha256Factory } from "./sha256.js";
import { walkLayer } from "./walk-layer.js";

/** Progress of a scan's layer walk. Bytes are compressed blob bytes (cached layers count whole). */
export interface WalkProgress {
  layersDone: number;
  layersTotal: number;
  bytesDone: number;
  bytesTotal: number;
}

export interface WalkImageOptions {
  selector: FileSelector;
  decompressor: Decompressor;
  sha256: Sha256Factory;
  cache: LayerCache;
  limits: WalkLimits;
  onProgress?: (progress: WalkProgress) => void;
  signal?: AbortSignal;
}

export async function* walkImageLayers(
  source: ImageSource,
  image: ResolvedImage,
  options: WalkImageOptions,
): AsyncGenerator<LayerFiles> {
  const { layers } = image;
  const diffIds = image.config.rootfs.diff_ids;
  checkLayers(image, options.limits);
  const controller = new AbortController();
  const abortOuter = () => controller.abort(options.signal?.reason);
  options.signal?.addEventListener("abort", abortOuter, { once: true });
  const budget = new ByteBudget(options.limits.maxUncompressedBytes);
  const imageKept = new ImageKeptBytes(options.limits.maxKeptBytes);
  // A layer cut by its own kept-bytes limit is cut the same way in any image: the limit is part
  // of the cache key. One cut by the image's limit depends on the other layers: not cached.
  const fingerprint = `${options.selector.fingerprint},kept-per-layer=${options.limits.maxKeptBytesPerLayer}`;
  const progress: WalkProgress = {
    layersDone: 0,
    layersTotal: layers.length,
    bytesDone: 0,
    bytesTotal: layers.reduce((n, l) => n + l.size, 0),
  };
  const report = () => options.onProgress?.({ ...progress });

  const runLayer = async (i: number): Promise<LayerFiles> => {
    const layer = layers[i]!;
    const diffId = diffIds[i]!;
    const { cache } = options;
    let files = await cache.get(diffId, fingerprint).catch(() => undefined);
    if (files !== undefined && !imageKept.take(keptSize(files))) files = undefined;
    if (files === undefined) {
      const kept = new LayerKeptBytes(options.limits.maxKeptBytesPerLayer, imageKept);
      const blob = await source.openBlob(layer, { signal: controller.signal });
      files = await walkLayer(
        blob,
        { digest: layer.digest, mediaType: layer.mediaType, diffId },
        {
          ...options,
          budget,
          kept,
          signal: controller.signal,
          onBytes: (n) => {
            progress.bytesDone += n;
            report();
          },
        },
      );
      if (!kept.cutByImage) await cache.put(files, fingerprint).catch(() => undefined);
    } else {
      budget.consume(files.size);
      progress.bytesDone += layer.size;
    }
    progress.layersDone += 1;
    report();
    return files;
  };

  const started: Promise<LayerFiles>[] = [];
  // The first failure is the one to report: the layers it aborts fail with abort errors after it.
  let firstError: { error: unknown } | undefined;
  const startUpTo = (n: number) => {
    while (started.length < Math.min(n, layers.length)) {
      const task = runLayer(started.length);
      task.catch((error: unknown) => {
        if (!controller.signal.aborted) firstError ??= { error };
        controller.abort();
      });
      started.push(task);
    }
  };
  const concurrency = Math.max(1, options.limits.concurrency);
  report();
  try {
    for (let i = 0; i < layers.length; i++) {
      startUpTo(i + concurrency);
      let files: LayerFiles;
      try {
        files = await started[i]!;
      } catch (error) {
        if (options.signal?.aborted) throw options.signal.reason;
        throw firstError?.error ?? error;
      }
      yield files;
    }
  } finally {
    controller.abort();
    await Promise.allSettled(started);
    options.signal?.removeEventListener("abort", abortOuter);
  }
}

function keptSize(files: LayerFiles): number {
  let size = 0;
  for (const data of files.files.values()) size += data.length;
  return size;
}

function checkLayers(image: ResolvedImage, limits: WalkLimits): void {
  const { layers } = image;
  if (layers.length > limits.maxLayers) {
    throw new DomainError(
      "image_too_large",
      `The image has ${layers.length} layers, more than the limit of ${limits.maxLayers}.`,
      { layers: layers.length, limit: limits.maxLayers },
    );
  }
  if (image.config.rootfs.diff_ids.length !== layers.length) {
    throw new DomainError(
      "scan_failed",
      `The image config lists ${image.config.rootfs.diff_ids.length} layer diffIDs but the manifest has ${layers.length} layers.`,
      { ref: image.ref },
    );
  }
}
