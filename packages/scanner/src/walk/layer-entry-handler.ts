import { extractEntry } from "./extract-entry.js";
import type { FileSelector } from "./file-selector.js";
import type { LayerKeptBytes } from "./kept-bytes.js";
import type { LayerFiles } from "./layer-files.js";
import { classifyPath, normalizeTarPath } from "./tar-path.js";
import type { TarBodySink, TarEntryHandler, TarEntryHeader } from "./tar-reader.js";

/**
 * What the walk does with each tar entry of a layer: records whiteouts, opaque directories and
 * symlinks at wanted paths into `result`; keeps wanted files (up to their size cap, while `kept`
 * has room), hands regular files an extractor accepts to its sinks, and skips every other body.
 */
export function layerEntryHandler(selector: FileSelector, result: LayerFiles, kept: LayerKeptBytes): TarEntryHandler {
  return (header) => {
    const path = normalizeTarPath(header.name);
    if (path === "") return undefined;
    // Most paths hold no ".wh." at all: neither a whiteout nor an opaque marker.
    const entry = path.includes(".wh.") ? classifyPath(path) : undefined;
    if (entry?.kind === "whiteout") {
      result.deletions.push(entry.path);
      return undefined;
    }
    if (entry?.kind === "opaque") {
      result.opaqueDirs.push(entry.dir);
      return undefined;
    }
    let keep = classify(header, path, selector, result);
    if (keep !== undefined && !kept.reserve(keep, header.size, result.notices)) {
      result.files.delete(keep);
      keep = undefined;
    }
    if (keep !== undefined) return keepBody(keep, header.size, selector, result);
    if (header.type !== "file") return undefined;
    return extractEntry({ path, mode: header.mode, size: header.size }, selector, result);
  };
}

/** Copies a wanted file's body into one buffer of its size, stored (reduced) when it ends. */
function keepBody(path: string, size: number, selector: FileSelector, result: LayerFiles): TarBodySink {
  const data = new Uint8Array(size);
  let offset = 0;
  return {
    write(chunk) {
      data.set(chunk, offset);
      offset += chunk.length;
    },
    end() {
      result.files.set(path, selector.reduce(path, data));
    },
  };
}

/** Records symlinks, hard links and oversized files at wanted paths; returns the path when the body must be kept. */
function classify(
  header: TarEntryHeader,
  path: string,
  selector: FileSelector,
  result: LayerFiles,
): string | undefined {
  const { type } = header;
  if (type !== "file" && type !== "symlink" && type !== "link") return undefined;
  const limit = selector.limitFor(path);
  if (limit === undefined) return undefined;
  if (type === "symlink") {
    result.files.delete(path);
    result.symlinks.set(path, header.linkname);
    return undefined;
  }
  result.symlinks.delete(path);
  if (type === "link") {
    // A hard link points at an earlier entry of this same archive; we have its bytes only if it
    // was wanted too.
    const target = result.files.get(normalizeTarPath(header.linkname));
    if (target !== undefined) result.files.set(path, target);
    else
      result.notices.push({
        code: "hardlink_unresolved",
        message: `/${path} is a hard link to /${normalizeTarPath(header.linkname)}, which was not read; it was skipped.`,
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
