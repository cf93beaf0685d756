/**
 * Test support (Node only): the shared cataloger tester for stream-extracting catalogers. Files of
 * a fixture directory go through the cataloger as the layer walk sends them: a file its extractor
 * accepts (by path, permission bits and size, as git checked them out) is fed to a sink in chunks
 * of `chunkSize` bytes, and only the sink's result is kept; files it `wants` are kept whole.
 */

import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import type { Cataloger, CatalogOutput, FileView } from "../../model.js";
import { fixtureDir, memoryView } from "./fixture-view.js";

export interface ExtractedFixture {
  view: FileView;
  /** Relative paths the extractor was offered (accepted) and those for which it kept a result. */
  streamed: string[];
  kept: string[];
}

/** Feeds `data` to a fresh sink in `chunkSize` pieces, stopping when the sink asks to. */
export function runSink(cataloger: Cataloger, path: string, mode: number, data: Uint8Array, chunkSize = 65536) {
  const sink = cataloger.extract!.open({ path, mode, size: data.length });
  for (let at = 0; at < data.length; at += chunkSize) {
    if (!sink.write(data.subarray(at, Math.min(data.length, at + chunkSize)))) break;
  }
  return sink.end();
}

export function extractFixture(name: string, cataloger: Cataloger, chunkSize = 65536): ExtractedFixture {
  const root = fixtureDir(name);
  const files: Record<string, Uint8Array> = {};
  const streamed: string[] = [];
  const kept: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      if (!entry.isFile()) continue;
      const rel = relative(root, full).split(sep).join("/");
      if (rel === "README.md") continue;
      const data = new Uint8Array(readFileSync(full));
      const fileEntry = { path: rel, mode: statSync(full).mode & 0o7777, size: data.length };
      if (cataloger.extract?.accepts(fileEntry)) {
        streamed.push(rel);
        const out = runSink(cataloger, rel, fileEntry.mode, data, chunkSize);
        if (out !== undefined) {
          files[rel] = out;
          kept.push(rel);
        }
      } else if (cataloger.wants(rel)) files[rel] = data;
    }
  };
  walk(root);
  return { view: memoryView(files), streamed: streamed.sort(), kept: kept.sort() };
}

/** Catalogs a fixture directory through the stream extractor. */
export function catalogFixture(
  name: string,
  cataloger: Cataloger,
  chunkSize?: number,
): CatalogOutput & ExtractedFixture {
  const extracted = extractFixture(name, cataloger, chunkSize);
  return { ...extracted, ...cataloger.catalog(extracted.view, { os: null }) };
}
