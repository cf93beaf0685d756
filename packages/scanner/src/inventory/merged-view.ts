/**
 * The image filesystem (kept files only) as seen after some layer: layers applied in order, each
 * one's whiteouts hiding lower content before its own files land (OCI image spec, "Applying
 * Changesets").
 */

import type { FileView } from "../model.js";
import type { LayerFiles } from "../walk/layer-files.js";
import { resolveLinkTarget } from "../walk/tar-path.js";

const MAX_LINK_HOPS = 16;

export class MergedView implements FileView {
  readonly #files = new Map<string, Uint8Array>();
  readonly #symlinks = new Map<string, string>();
  /** paths() until the next apply: every cataloger lists them, after every layer. */
  #paths: readonly string[] | undefined;

  /** Applies a layer on top and returns the kept paths it added, replaced or removed. */
  apply(layer: LayerFiles): Set<string> {
    this.#paths = undefined;
    const changed = new Set<string>();
    for (const dir of layer.opaqueDirs) this.#removeUnder(dir, false, changed);
    for (const path of layer.deletions) this.#removeUnder(path, true, changed);
    for (const [path, data] of layer.files) {
      this.#symlinks.delete(path);
      this.#files.set(path, data);
      changed.add(path);
    }
    for (const [path, target] of layer.symlinks) {
      this.#files.delete(path);
      this.#symlinks.set(path, target);
      changed.add(path);
    }
    return changed;
  }

  get(path: string): Uint8Array | undefined {
    let current = path;
    for (let hop = 0; hop <= MAX_LINK_HOPS; hop++) {
      const data = this.#files.get(current);
      if (data !== undefined) return data;
      const target = this.#symlinks.get(current);
      if (target === undefined) return undefined;
      current = resolveLinkTarget(current, target);
    }
    return undefined;
  }

  has(path: string): boolean {
    return this.get(path) !== undefined;
  }

  /** The same frozen array until the next apply (a caller that sorts copies it first). */
  paths(): Iterable<string> {
    if (this.#paths === undefined) {
      const paths = [...this.#files.keys()];
      for (const path of this.#symlinks.keys()) if (this.has(path)) paths.push(path);
      this.#paths = Object.freeze(paths);
    }
    return this.#paths;
  }

  /** Removes `path` itself (when `self`) and everything below it; "" with !self is the root. */
  #removeUnder(path: string, self: boolean, changed: Set<string>): void {
    const prefix = path === "" ? "" : `${path}/`;
    for (const map of [this.#files, this.#symlinks]) {
      for (const key of map.keys()) {
        if ((self && key === path) || key.startsWith(prefix)) {
          map.delete(key);
          changed.add(key);
        }
      }
    }
  }
}
