/**
 * Walks one layer blob as a stream: compressed bytes → (gzip | zstd | none) → SHA-256 of the
 * tar bytes (checked against the diffID; computed here, or by a decompressor that offers
 * `decompressHashed`) → tar entries, keeping only the wanted files and the whiteouts. Nothing else
 * of the layer is held in memory.
 */

import { DomainError, isDomainError } from "@regscan/core";
import type { ByteBudget } from "./byte-budget.js";
import type { Decompressor } from "./decompressor.js";
import { detectCompression } from "./detect-compression.js";
import type { FileSelector } from "./file-selector.js";
import { ImageKeptBytes, LayerKeptBytes } from "./kept-bytes.js";
import { layerEntryHandler } from "./layer-entry-handler.js";
import { emptyLayerFiles, type LayerFiles } from "./layer-files.js";
import type { Sha256Factory } from "./sha256.js";
import { coalesce, iterateStream, prepend } from "./streams.js";
import { TarReader } from "./tar-reader.js";

/** Compressed bytes are handed on in chunks of at least this size (fewer, cheaper steps). */
const INPUT_CHUNK = 512 * 1024;

export interface LayerRef {
  /** Blob digest, used to name the layer in errors. */
  digest: string;
  mediaType: string;
  /** Expected uncompressed digest (config.rootfs.diff_ids[i]). */
  diffId: string;
}

export interface WalkLayerOptions {
  selector: FileSelector;
  decompressor: Decompressor;
  sha256: Sha256Factory;
  budget: ByteBudget;
  /** Room for the wanted files kept in memory (default: unlimited). */
  kept?: LayerKeptBytes;
  /** Called with each compressed chunk's size, for progress. */
  onBytes?: (bytes: number) => void;
  signal?: AbortSignal;
}

/**
 * Reads `blob` to the end and returns the layer's kept files. Throws DomainError `scan_failed`
 * naming the layer when the bytes are corrupt or do not hash to the diffID, `image_too_large`
 * past the byte budget; source errors (already DomainErrors) pass through unchanged.
 */
export async function walkLayer(
  blob: ReadableStream<Uint8Array>,
  layer: LayerRef,
  options: WalkLayerOptions,
): Promise<LayerFiles> {
  try {
    return await walk(blob, layer, options);
  } catch (error) {
    if (options.signal?.aborted) throw options.signal.reason;
    if (isDomainError(error)) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new DomainError(
      "scan_failed",
      `Layer ${layer.digest} could not be read (corrupt or truncated data: ${reason}).`,
      { layer: layer.digest },
      { cause: error },
    );
  }
}

async function walk(blob: ReadableStream<Uint8Array>, layer: LayerRef, options: WalkLayerOptions): Promise<LayerFiles> {
  const { selector, decompressor, budget, onBytes, signal } = options;
  const kept =
    options.kept ?? new LayerKeptBytes(Number.POSITIVE_INFINITY, new ImageKeptBytes(Number.POSITIVE_INFINITY));
  const compressed = countChunks(iterateStream(blob), onBytes)[Symbol.asyncIterator]();
  // The first bytes tell the compression (with the media type).
  const head: Uint8Array[] = [];
  let headBytes = 0;
  while (headBytes < 4) {
    const next = await compressed.next();
    if (next.done) break;
    head.push(next.value);
    headBytes += next.value.length;
  }
  const magic = new Uint8Array(Math.min(4, headBytes));
  let filled = 0;
  for (const part of head) for (let i = 0; i < part.length && filled < magic.length; i++) magic[filled++] = part[i]!;
  const compression = detectCompression(layer.mediaType, magic);
  const raw = prepend(head, compressed);
  const charge = { charge: (bytes: number) => budget.consume(bytes) };
  // A decompressor that hashes takes the chunks as they come (it buffers its input its own way).
  const hashed = compression === "none" ? undefined : decompressor.decompressHashed?.(compression, raw, charge);
  const input = hashed === undefined ? coalesce(raw, INPUT_CHUNK) : raw;
  const tarBytes =
    hashed?.chunks ?? (compression === "none" ? input : decompressor.decompress(compression, input, charge));

  // Chunks may be views of a reused buffer (see HashedOutput): the tar reader and every sink it
  // feeds copy what they keep before the next chunk is asked for.
  const hash = hashed === undefined ? options.sha256() : undefined;
  const result = emptyLayerFiles(layer.diffId);
  const tar = new TarReader(layerEntryHandler(selector, result, kept));
  let total = 0;
  for await (const chunk of tarBytes) {
    signal?.throwIfAborted();
    hash?.update(chunk);
    budget.consume(chunk.length);
    total += chunk.length;
    tar.write(chunk);
  }
  // Complete the archive's tail outside the hash: the last entry's block padding and the
  // end-of-archive marker. Some writers omit them (umoci insert; a zero-byte layer has neither),
  // and the diffID already proved these are the bytes the image was built with. Extra zeros after
  // a proper end marker are ignored; a body cut short by more than its padding still fails as
  // truncated.
  result.size = total;
  tar.write(new Uint8Array(((512 - (total % 512)) % 512) + 1024));
  tar.end();

  kept.finish(result.notices);
  const actual = hash?.digest() ?? hashed!.digest();
  if (actual !== layer.diffId) {
    throw new DomainError(
      "scan_failed",
      `Layer ${layer.digest} does not match the image config: its content hashes to ${actual}, the config says ${layer.diffId}.`,
      { layer: layer.digest, expected: layer.diffId, actual },
    );
  }
  return result;
}

async function* countChunks(source: AsyncIterable<Uint8Array>, onBytes?: (n: number) => void) {
  for await (const chunk of source) {
    onBytes?.(chunk.length);
    yield chunk;
  }
}
