/**
 * Runs the catalogers over successive layer views, re-running each only after a layer that
 * changed a file it wants (or, for language catalogers, changed what the OS owns), and remembers
 * since which layer each package has been present without interruption.
 */

import type { CatalogedPackage, Cataloger, CatalogOutput, FileView, Notice, OsInfo } from "../model.js";

export interface TrackedPackage {
  pkg: CatalogedPackage;
  /** Index of the earliest layer from which the package is present continuously to now. */
  since: number;
}

export class CatalogerRunner {
  readonly #catalogers: readonly Cataloger[];
  readonly #os: OsInfo | null;
  readonly #outputs = new Map<Cataloger, CatalogOutput>();
  #owned: ReadonlySet<string> = new Set();
  #present = new Map<string, TrackedPackage>();

  constructor(catalogers: readonly Cataloger[], os: OsInfo | null) {
    // OS catalogers first: their ownedPaths feed the language catalogers.
    this.#catalogers = [...catalogers.filter((c) => c.os === true), ...catalogers.filter((c) => c.os !== true)];
    this.#os = os;
  }

  /** Feeds the view after layer `index` and the kept paths that layer changed. */
  afterLayer(index: number, view: FileView, changed: ReadonlySet<string>): void {
    let ranAny = false;
    let ownedChanged = false;
    for (const cataloger of this.#catalogers) {
      const isOs = cataloger.os === true;
      if (!isOs && ownedChanged) {
        this.#run(cataloger, view);
        ranAny = true;
        continue;
      }
      // A stream-extracting cataloger's results sit at paths no `wants` can name: any change may be one.
      if (!wantsAny(cataloger, changed) && !(cataloger.extract !== undefined && changed.size > 0)) continue;
      this.#run(cataloger, view);
      ranAny = true;
      if (isOs) ownedChanged = this.#refreshOwned() || ownedChanged;
    }
    if (ranAny) this.#track(index);
  }

  /** The packages present after the last layer fed, in cataloger then output order. */
  packages(): TrackedPackage[] {
    return [...this.#present.values()];
  }

  /** Notices of the catalogers' latest runs. */
  notices(): Notice[] {
    return [...this.#outputs.values()].flatMap((o) => o.notices ?? []);
  }

  #run(cataloger: Cataloger, view: FileView): void {
    let output: CatalogOutput;
    try {
      output = cataloger.catalog(view, { os: this.#os, ownedPaths: this.#owned });
    } catch (error) {
      // A cataloger bug must not lose the other catalogers' packages.
      const reason = error instanceof Error ? error.message : String(error);
      output = {
        packages: [],
        notices: [
          { code: "cataloger_failed", message: `${cataloger.id} cataloger failed: ${reason}`, incomplete: true },
        ],
      };
    }
    this.#outputs.set(cataloger, output);
  }

  #refreshOwned(): boolean {
    const owned = new Set<string>();
    for (const [cataloger, output] of this.#outputs) {
      if (cataloger.os === true) for (const p of output.ownedPaths ?? []) owned.add(p);
    }
    // A loop, not [...owned].every(): an image's owned paths run to hundreds of thousands.
    let same = owned.size === this.#owned.size;
    if (same)
      for (const p of owned)
        if (!this.#owned.has(p)) {
          same = false;
          break;
        }
    if (!same) this.#owned = owned;
    return !same;
  }

  #track(index: number): void {
    const next = new Map<string, TrackedPackage>();
    for (const cataloger of this.#catalogers) {
      for (const pkg of this.#outputs.get(cataloger)?.packages ?? []) {
        const key = packageKey(pkg);
        if (next.has(key)) continue;
        next.set(key, { pkg, since: this.#present.get(key)?.since ?? index });
      }
    }
    this.#present = next;
  }
}

/** Identity of a package across layers: same type, name, version and source file. */
export function packageKey(pkg: CatalogedPackage): string {
  return `${pkg.type}\u0000${pkg.name}\u0000${pkg.version}\u0000${pkg.path}`;
}

function wantsAny(cataloger: Cataloger, changed: ReadonlySet<string>): boolean {
  for (const path of changed) if (cataloger.wants(path)) return true;
  return false;
}
