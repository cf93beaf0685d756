import type { ParsedTarEntry } from "modern-tar";
import { extractEntry } from "./extract-entry.js";
import type { FileSelector } from "./file-selector.js";
import type { LayerKeptBytes } from "./kept-bytes.js";
import type { LayerFiles } from "./layer-files.js";
import { classifyPath, normalizeTarPath } from "./tar-path.js";

/**
 * The walk never writes chunks larger than this into the tar decoder (see walk-layer.ts). An
 * unwanted body up to this size may already sit complete in its stream, and cancelling such a
 * stream makes modern-tar 0.8 forget the *next* entry's body (its cancel hook clears the shared
 * body controller), which then never ends: so small bodies are drained, only larger ones (still
 * being fed, so still the current entry) are cancelled.
 */
export const MAX_TAR_CHUNK = 1 << 20;

/**
 * Consumes tar entries, recording whiteouts and keeping wanted files (up to their size cap, while
 * `kept` has room) into `result`. Every other body is cancelled unread, which lets the decoder
 * skip it.
 */
export async function readTarEntries(
  reader: ReadableStreamDefaultReader<ParsedTarEntry>,
  selector: FileSelector,
  result: LayerFiles,
  kept: LayerKeptBytes,
): Promise<void> {
  while (true) {
    const next = await reader.read();
    if (next.done) return;
    const { header, body } = next.value;
    let keep = classify(header, selector, result);
    if (keep !== undefined && !kept.reserve(keep, header.size, result.notices)) {
      result.files.delete(keep);
      keep = undefined;
    }
    if (keep === undefined) {
      if (await extractEntry(header, body, selector, result)) continue;
      if (header.size <= MAX_TAR_CHUNK) await drain(body);
      else await body.cancel();
      continue;
    }
    const data = await readBody(body, header.size);
    result.files.set(keep, selector.reduce(keep, data));
  }
}

/** Records metadata-only entries; returns the path when the entry's body must be kept. */
function classify(header: ParsedTarEntry["header"], selector: FileSelector, result: LayerFiles): string | undefined {
  const path = normalizeTarPath(header.name);
  if (path === "") return undefined;
  const entry = classifyPath(path);
  if (entry.kind === "whiteout") {
    result.deletions.push(entry.path);
    return undefined;
  }
  if (entry.kind === "opaque") {
    result.opaqueDirs.push(entry.dir);
    return undefined;
  }
  const type = header.type ?? "file";
  if (type !== "file" && type !== "symlink" && type !== "link") return undefined;
  const limit = selector.limitFor(path);
  if (limit === undefined) return undefined;
  if (type === "symlink") {
    result.files.delete(path);
    result.symlinks.set(path, header.linkname ?? "");
    return undefined;
  }
  result.symlinks.delete(path);
  if (type === "link") {
    // A hard link points at an earlier entry of this same archive; we have its bytes only if it
    // was wanted too.
    const target = result.files.get(normalizeTarPath(header.linkname ?? ""));
    if (target !== undefined) result.files.set(path, target);
    else
      result.notices.push({
        code: "hardlink_unresolved",
        message: `/${path} is a hard link to /${normalizeTarPath(header.linkname ?? "")}, which was not read; it was skipped.`,
        path: `/${path}`,
        incomplete: true,
      });
    return undefined;
  }
  if (header.size > limit) {
    result.files.delete(path);
    result.notices.push({
      code: "file_too_large",
      message: `/${path} is ${header.size} bytes, over the ${limit}-byte limit for this kind of file; it was skipped.`,
      path: `/${path}`,
      incomplete: true,
    });
    return undefined;
  }
  return path;
}

async function drain(body: ReadableStream<Uint8Array>): Promise<void> {
  const reader = body.getReader();
  while (!(await reader.read()).done) {
    // discard
  }
}

async function readBody(body: ReadableStream<Uint8Array>, size: number): Promise<Uint8Array> {
  const out = new Uint8Array(size);
  let offset = 0;
  const reader = body.getReader();
  while (true) {
    const next = await reader.read();
    if (next.done) break;
    const chunk = next.value;
    if (offset + chunk.length > size) throw new Error("tar entry body is longer than its header says");
    out.set(chunk, offset);
    offset += chunk.length;
  }
  if (offset !== size) throw new Error("tar entry body is shorter than its header says");
  return out;
}
