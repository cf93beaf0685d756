import { DomainError } from "@regscan/core";
import { Unzip, type UnzipFile } from "fflate";
import { formatBytes } from "../walk/byte-budget.js";
import type { AdvisoryStore } from "./advisory-store.js";
import { BoundedInflate } from "./bounded-inflate.js";
import { type ByteSource, chunksOf } from "./byte-source.js";
import { ImportBatcher, type ImportOptions, type ImportResult } from "./import-batcher.js";
import { DEFAULT_IMPORT_LIMITS } from "./import-limits.js";

const SLICE = 16 * 1024;

/**
 * Imports an OSV export zip (`<ECOSYSTEM>/all.zip`: one `<ID>.json` per record) while it streams
 * in: entries are inflated one at a time and written in batches, so the archive is never held in
 * memory. Withdrawn records are removed. Bounded (`ImportOptions.limits`): an entry inflating past
 * `maxRecordBytes` stops being inflated at once and is refused (counted in the result); an archive
 * past `maxArchiveBytes` (compressed or inflated) or `maxEntries` stops the import. Throws
 * `validation_failed` for those and when the bytes are not a zip or the archive is truncated.
 */
export async function importOsvZip(
  store: AdvisoryStore,
  source: ByteSource,
  options: ImportOptions & { name?: string } = {},
): Promise<ImportResult> {
  const label = options.name ?? "the archive";
  const limits = { ...DEFAULT_IMPORT_LIMITS, ...options.limits };
  const batcher = new ImportBatcher(store, options);
  const unzip = new Unzip();
  unzip.register(BoundedInflate);
  let files = 0;
  let open = 0;
  let inflated = 0;
  let failure: string | null = null;
  unzip.onfile = (file: UnzipFile) => {
    files++;
    if (files > limits.maxEntries) failure ??= `it has more than ${limits.maxEntries} entries`;
    if (failure || !file.name.endsWith(".json") || (file.originalSize ?? 0) > limits.maxRecordBytes) {
      if (!failure && file.name.endsWith(".json")) batcher.refuse(file.name, tooLarge(file.originalSize ?? 0));
      // Started and terminated: fflate drops the bytes instead of keeping them for a later start.
      file.ondata = () => undefined;
      file.start();
      file.terminate();
      return;
    }
    open++;
    let parts: Uint8Array[] = [];
    let size = 0;
    file.ondata = (err, data, final) => {
      if (err) {
        failure ??= `${file.name}: ${err.message}`;
        return;
      }
      size += data.length;
      inflated += data.length;
      if (inflated > limits.maxArchiveBytes)
        failure ??= `it inflates to more than ${formatBytes(limits.maxArchiveBytes)}`;
      if (size > limits.maxRecordBytes) {
        // The size in the header lied (or was absent): stop inflating this entry now.
        file.terminate();
        file.ondata = () => undefined;
        parts = [];
        open--;
        batcher.refuse(file.name, tooLarge(size));
        return;
      }
      parts.push(data);
      if (final) {
        open--;
        batcher.add(file.name, concat(parts));
      }
    };
    file.start();
  };
  const tooLarge = (size: number) =>
    `inflates to ${size > limits.maxRecordBytes ? "more than " : ""}${formatBytes(Math.max(size, limits.maxRecordBytes + 1))}, over the ${formatBytes(limits.maxRecordBytes)} limit per record`;
  let bytes = 0;
  try {
    for await (const chunk of chunksOf(source)) {
      bytes += chunk.length;
      if (bytes > limits.maxArchiveBytes) failure ??= `it is larger than ${formatBytes(limits.maxArchiveBytes)}`;
      // fflate's Unzip recurses once per entry found in a pushed chunk: feed it small slices so
      // a large chunk of tiny entries cannot overflow the stack.
      for (let i = 0; i < chunk.length && !failure; i += SLICE) unzip.push(chunk.subarray(i, i + SLICE));
      if (failure) break;
      if (batcher.full) await batcher.flush();
    }
    if (!failure) unzip.push(new Uint8Array(0), true);
  } catch (e) {
    failure ??= `the archive is damaged or truncated (${(e as Error).message})`;
  }
  if (!failure && bytes > 0 && files === 0) failure = "no ZIP entries found (not a ZIP archive?)";
  if (!failure && open > 0) failure = "the archive ends in the middle of an entry (truncated download?)";
  if (failure) {
    await batcher.flush();
    throw new DomainError("validation_failed", `Cannot import ${label}: ${failure}`, { reason: failure });
  }
  await batcher.flush();
  return batcher.result;
}

function concat(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}
