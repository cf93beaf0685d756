/** Test support (Node only): FileViews over fixture directories and in-memory maps. */

import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import type { FileView } from "../../model.js";

/** Absolute path of `test/fixtures/catalogers/<name>`. */
export function fixtureDir(name: string): string {
  return fileURLToPath(new URL(`../../../test/fixtures/catalogers/${name}`, import.meta.url));
}

/** A FileView over a map of relative paths to bytes (strings are UTF-8 encoded). */
export function memoryView(files: Record<string, Uint8Array | string>): FileView {
  const map = new Map<string, Uint8Array>();
  for (const [path, data] of Object.entries(files)) {
    map.set(path, typeof data === "string" ? new TextEncoder().encode(data) : data);
  }
  return { get: (p) => map.get(p), has: (p) => map.has(p), paths: () => map.keys() };
}

/**
 * Fixture folders store `node_modules` as `node_modules.fixture`, so git and tools never take a
 * fixture for an install; views see the real name.
 */
const imagePath = (fixturePath: string) => fixturePath.replaceAll("node_modules.fixture/", "node_modules/");

/**
 * A FileView holding every file of a fixture directory that `wants` accepts (all files when
 * omitted), optionally passed through `reduce` as the layer walk would.
 */
export function fixtureView(
  name: string,
  wants: (path: string) => boolean = () => true,
  reduce?: (path: string, data: Uint8Array) => Uint8Array,
): FileView {
  const root = fixtureDir(name);
  const files: Record<string, Uint8Array> = {};
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) {
        const rel = imagePath(relative(root, full).split(sep).join("/"));
        if (!wants(rel) || rel === "README.md") continue;
        const data = new Uint8Array(readFileSync(full));
        files[rel] = reduce ? reduce(rel, data) : data;
      }
    }
  };
  walk(root);
  return memoryView(files);
}
