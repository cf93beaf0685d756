import type { ExtractSink, FileEntry } from "../model.js";
import type { FileSelector } from "./file-selector.js";
import type { LayerFiles } from "./layer-files.js";
import type { TarBodySink } from "./tar-reader.js";

/**
 * The walk's one hook for stream extractors (`Cataloger.extract`): a regular file that some
 * extractor accepts is read chunk by chunk through the extractors' sinks, and their small results
 * are kept under the file's path in place of the file (never the file itself). Returns undefined
 * when no extractor accepts the entry (its body is then skipped unread).
 *
 * `path` is the entry's normalised path, already known to be neither a whiteout nor an opaque
 * marker. A sink that is done (`write` returned false) gets no more chunks; the rest of the body is
 * skipped by the tar reader.
 */
export function extractEntry(entry: FileEntry, selector: FileSelector, result: LayerFiles): TarBodySink | undefined {
  const extractors = selector.extractorsFor(entry);
  if (extractors.length === 0) return undefined;
  const { path } = entry;
  const sinks: ExtractSink[] = [];
  for (const extractor of extractors) {
    const sink = guard(result, path, () => extractor.open(entry));
    if (sink !== undefined) sinks.push(sink);
  }
  const open = sinks.map(() => true);
  let openCount = open.length;
  return {
    write(chunk) {
      if (openCount === 0) return;
      for (let i = 0; i < sinks.length; i++) {
        if (!open[i]) continue;
        const sink = sinks[i]!;
        if (guard(result, path, () => sink.write(chunk)) !== true) {
          open[i] = false;
          openCount--;
        }
      }
    },
    end() {
      // One result per path: a file two extractors both claim (a hostile polyglot) keeps the first.
      let kept = false;
      for (const sink of sinks) {
        const out = guard(result, path, () => sink.end());
        if (out !== undefined && !kept) {
          result.files.set(path, out);
          kept = true;
        }
      }
    },
  };
}

/** Sinks must not throw; one that does (a bug) becomes a notice instead of failing the layer. */
function guard<T>(result: LayerFiles, path: string, run: () => T): T | undefined {
  try {
    return run();
  } catch (error) {
    result.notices.push({
      code: "cataloger_failed",
      message: `/${path} could not be read by a cataloger: ${error instanceof Error ? error.message : String(error)}`,
      path: `/${path}`,
      incomplete: true,
    });
    return undefined;
  }
}
