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
  // Settles the in-order wait when the walk is aborted (a failed layer, the caller's signal): the
  // layers that never started never settle themselves.
  const aborted = new Promise<never>((_, reject) => {
    controller.signal.addEventListener("abort", () => reject(controller.signal.reason), { once: true });
  });
  aborted.catch(() => undefined);
  if (options.signal?.aborted) abortOuter();
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

  // Layers start largest first, each as soon as a slot is free, and are yielded in layer order.
  // The makespan is then close to the largest layer's own time: an image whose bytes sit in one
  // big layer starts inflating it at once instead of after the layers below it.
  const order = layers.map((_, i) => i).sort((a, b) => layers[b]!.size - layers[a]!.size || a - b);
  const results = layers.map(() => deferred<LayerFiles>());
  // The first failure is the one to report: the layers it aborts fail with abort errors after it.
  let firstError: { error: unknown } | undefined;
  const started: Promise<unknown>[] = [];
  let next = 0;
  let running = 0;
  const concurrency = Math.max(1, options.limits.concurrency);
  const startMore = () => {
    while (running < concurrency && next < order.length && !controller.signal.aborted) {
      const i = order[next++]!;
      running++;
      const task = runLayer(i).then(
        (files) => {
          running--;
          results[i]!.resolve(files);
          startMore();
        },
        (error: unknown) => {
          running--;
          if (!controller.signal.aborted) firstError ??= { error };
          controller.abort();
          results[i]!.reject(error);
        },
      );
      started.push(task);
    }
  };
  report();
  startMore();
  try {
    for (let i = 0; i < layers.length; i++) {
      let files: LayerFiles;
      try {
        files = await Promise.race([results[i]!.promise, aborted]);
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

interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

/** A promise settled from outside (Promise.withResolvers, which Node 20 lacks). */
function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  promise.catch(() => undefined); // settled and awaited in order; never an unhandled rejection
  return { promise, resolve, reject };
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
