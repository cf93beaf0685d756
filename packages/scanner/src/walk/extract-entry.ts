import type { ParsedTarEntry } from "modern-tar";
import type { ExtractSink, FileEntry } from "../model.js";
import type { FileSelector } from "./file-selector.js";
import type { LayerFiles } from "./layer-files.js";
import { classifyPath, normalizeTarPath } from "./tar-path.js";

/**
 * The walk's one hook for stream extractors (`Cataloger.extract`): a regular file that some
 * extractor accepts is read chunk by chunk through the extractors' sinks, and their small results
 * are kept under the file's path in place of the file (never the file itself). Returns false, with
 * the body untouched, when no extractor accepts the entry.
 *
 * The body is read to its end even once every sink is done: cancelling a body the tar decoder has
 * already finished loses the next entry's body (see MAX_TAR_CHUNK in read-tar-entries.ts).
 */
export async function extractEntry(
  header: ParsedTarEntry["header"],
  body: ReadableStream<Uint8Array>,
  selector: FileSelector,
  result: LayerFiles,
): Promise<boolean> {
  if ((header.type ?? "file") !== "file") return false;
  const path = normalizeTarPath(header.name);
  if (path === "" || classifyPath(path).kind !== "path") return false;
  const entry: FileEntry = { path, mode: header.mode ?? 0, size: header.size };
  const extractors = selector.extractorsFor(entry);
  if (extractors.length === 0) return false;

  const sinks: { sink: ExtractSink; open: boolean }[] = [];
  for (const extractor of extractors) {
    const sink = guard(result, path, () => extractor.open(entry));
    if (sink !== undefined) sinks.push({ sink, open: true });
  }
  const reader = body.getReader();
  let received = 0;
  while (true) {
    const next = await reader.read();
    if (next.done) break;
    received += next.value.length;
    for (const s of sinks) if (s.open) s.open = guard(result, path, () => s.sink.write(next.value)) ?? false;
  }
  if (received !== header.size) throw new Error("tar entry body is shorter than its header says");
  // One result per path: a file two extractors both claim (a hostile polyglot) keeps the first.
  let kept = false;
  for (const { sink } of sinks) {
    const out = guard(result, path, () => sink.end());
    if (out !== undefined && !kept) {
      result.files.set(path, out);
      kept = true;
    }
  }
  return true;
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
