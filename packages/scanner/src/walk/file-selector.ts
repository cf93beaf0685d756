/**
 * Which tar entries the walk keeps: the union of what the catalogers (and the OS detector) want,
 * each path capped at the largest `maxFileSize` among those that want it.
 */

import type { Cataloger, FileEntry, StreamExtractor } from "../model.js";

/** The part of a cataloger the walk needs. The OS detector has this shape too. */
export interface FileWanter {
  readonly id: string;
  readonly maxFileSize: number;
  /** Bumped when `wants`/`reduce` change, so cached layers are re-read. */
  readonly version?: string;
  wants(path: string): boolean;
  reduce?: Cataloger["reduce"];
  extract?: StreamExtractor;
}

export interface FileSelector {
  /** Size cap for `path`, or undefined when nothing wants it. */
  limitFor(path: string): number | undefined;
  /** Shrinks a kept file when its only wanter asks to (see `Cataloger.reduce`). */
  reduce(path: string, data: Uint8Array): Uint8Array;
  /** The stream extractors that accept this regular file (see `Cataloger.extract`). */
  extractorsFor(entry: FileEntry): StreamExtractor[];
  /** Identifies the set of wanters: part of the layer-cache key. */
  readonly fingerprint: string;
}

/** Walk-format version: bump when LayerFiles semantics change, so old cache entries are ignored. */
const WALK_FORMAT = "walk-2";

export function createFileSelector(wanters: readonly FileWanter[]): FileSelector {
  const fingerprint = [WALK_FORMAT, ...wanters.map((w) => `${w.id}@${w.version ?? "0"}:${w.maxFileSize}`).sort()].join(
    ",",
  );
  const extractors = wanters.flatMap((w) => (w.extract ? [w.extract] : []));
  return {
    fingerprint,
    extractorsFor: (entry) => extractors.filter((e) => e.accepts(entry)),
    limitFor(path) {
      let limit: number | undefined;
      for (const w of wanters) {
        if (w.wants(path) && (limit === undefined || w.maxFileSize > limit)) limit = w.maxFileSize;
      }
      return limit;
    },
    reduce(path, data) {
      const wanting = wanters.filter((w) => w.wants(path));
      // Only shrink when every wanter of this file reduces it and there is exactly one of them:
      // another cataloger may need the bytes the reducer drops.
      const only = wanting.length === 1 ? wanting[0] : undefined;
      if (only?.reduce === undefined) return data;
      try {
        return only.reduce(path, data);
      } catch {
        return data;
      }
    },
  };
}
