import type { OsvRecord } from "./osv-record.js";

/** A package to look advisories up for: its OSV ecosystem (`Debian:12`, `npm`) and name. */
export interface PackageKey {
  ecosystem: string;
  name: string;
}

/** The key `findForPackages` uses in its result map for a `PackageKey`. */
export function packageKeyId(key: PackageKey): string {
  return `${key.ecosystem}\u0000${key.name}`;
}

/** What one export (`Debian`, `npm`, ...) holds and how fresh it is. */
export interface EcosystemStatus {
  /** The export's ecosystem (bare prefix for distributions: `Debian`, `Alpine`). */
  ecosystem: string;
  records: number;
  /** Newest `modified` of the imported records (ISO 8601), null when unknown. */
  lastModified: string | null;
  /** When this export was last imported or refreshed (ISO 8601), null when never. */
  importedAt: string | null;
}

export interface UpsertOptions {
  /** The export the records come from (`Debian`); defaults to each record's first ecosystem prefix. */
  source?: string;
  /** Import run marker used by `removeStale` after a full import. */
  run?: number;
}

/**
 * The advisory database port: OSV records indexed by (ecosystem, package name).
 * Lookups are indexed (never a full load); the record JSON is stored once.
 */
export interface AdvisoryStore {
  /**
   * Records with an `affected[]` entry for `name` under `ecosystem`. A full ecosystem
   * (`Debian:12`) also finds records filed under its bare prefix (`Debian`). Names are
   * normalised per ecosystem (PyPI per PEP 503).
   */
  findByPackage(ecosystem: string, name: string): Promise<OsvRecord[]>;
  /** Batched `findByPackage`; the map is keyed by `packageKeyId(key)`, every key present. */
  findForPackages(keys: readonly PackageKey[]): Promise<Map<string, OsvRecord[]>>;
  /** Inserts or replaces records; a withdrawn record is removed instead. */
  upsert(records: readonly OsvRecord[], options?: UpsertOptions): Promise<void>;
  /** Removes records by id (absent ids are ignored). */
  delete(ids: readonly string[]): Promise<void>;
  /** After a full import tagged `run`: removes the source's records that the import did not touch. */
  removeStale(source: string, run: number): Promise<number>;
  /** Records the freshness of an export after an import or refresh. */
  markImported(source: string, lastModified: string | null, importedAt: string): Promise<void>;
  /** Per-export record counts and freshness, sorted by ecosystem. */
  status(): Promise<EcosystemStatus[]>;
  close(): void;
}
