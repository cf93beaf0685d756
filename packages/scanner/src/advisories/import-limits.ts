/** Limits of one advisory import (`regscan db import`, `db update`): exports come from the network. */
export interface ImportLimits {
  /** Inflated bytes of one record (zip entry, JSON file or HTTP body); larger ones are refused and counted. */
  maxRecordBytes: number;
  /** Bytes of one archive, compressed or inflated; beyond it the import stops (`validation_failed`). */
  maxArchiveBytes: number;
  /** Entries of one archive; beyond it the import stops. */
  maxEntries: number;
}

/**
 * OSV records are a few KiB (the largest seen, with long version lists, about 2 MiB); the largest
 * ecosystem export inflates to about 1 GiB in some 300,000 entries.
 */
export const DEFAULT_IMPORT_LIMITS: ImportLimits = {
  maxRecordBytes: 16 * 1024 * 1024,
  maxArchiveBytes: 8 * 1024 ** 3,
  maxEntries: 2_000_000,
};

/** Entries named in `ImportResult.invalid` / `refused`; the counts go on. */
export const MAX_LISTED = 100;
