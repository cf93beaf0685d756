import type { AdvisoryStore } from "./advisory-store.js";
import { recordSource } from "./ecosystem.js";
import { type ImportLimits, MAX_LISTED } from "./import-limits.js";
import { isOsvRecord, type OsvRecord } from "./osv-record.js";

/** Counts of one import. */
export interface ImportResult {
  /** Records inserted or replaced. */
  imported: number;
  /** Withdrawn records (removed from the store). */
  withdrawn: number;
  /** Entries that were not OSV records (bad JSON, missing id/modified), by name, with the reason (the first 100). */
  invalid: { name: string; reason: string }[];
  /** How many entries were invalid (all of them, not only those listed). */
  invalidCount: number;
  /** Records refused for their size (over `ImportLimits.maxRecordBytes`), with the reason (the first 100). */
  refused: { name: string; reason: string }[];
  /** How many records were refused. */
  refusedCount: number;
  /** Newest `modified` seen (ISO 8601), null when nothing was imported. */
  lastModified: string | null;
  /** Newest `modified` per export the records belong to (`{Debian: "2024-…"}`). */
  sources: Record<string, string>;
}

export interface ImportOptions {
  /** The export the records come from (`Debian`, `npm`); defaults to each record's ecosystem prefix. */
  source?: string;
  /** Import run marker (see `AdvisoryStore.removeStale`). */
  run?: number;
  /** Records per write transaction (default 2,000). */
  batchSize?: number;
  /** Size and count limits (defaults: `DEFAULT_IMPORT_LIMITS`). */
  limits?: Partial<ImportLimits>;
}

/** Collects parsed records and writes them to the store in batches. */
export class ImportBatcher {
  private pending: OsvRecord[] = [];
  private readonly decoder = new TextDecoder();
  readonly result: ImportResult = {
    imported: 0,
    withdrawn: 0,
    invalid: [],
    invalidCount: 0,
    refused: [],
    refusedCount: 0,
    lastModified: null,
    sources: {},
  };

  constructor(
    private readonly store: AdvisoryStore,
    private readonly options: ImportOptions = {},
  ) {}

  get full(): boolean {
    return this.pending.length >= (this.options.batchSize ?? 2000);
  }

  /** Parses one JSON document (bytes or text) and queues it. Never throws on bad input. */
  add(name: string, content: Uint8Array | string): void {
    let value: unknown;
    try {
      value = JSON.parse(typeof content === "string" ? content : this.decoder.decode(content));
    } catch (e) {
      this.invalid(name, `invalid JSON: ${(e as Error).message}`);
      return;
    }
    this.addRecord(name, value);
  }

  /** Counts a record refused for its size. */
  refuse(name: string, reason: string): void {
    this.result.refusedCount++;
    if (this.result.refused.length < MAX_LISTED) this.result.refused.push({ name, reason });
  }

  private invalid(name: string, reason: string): void {
    this.result.invalidCount++;
    if (this.result.invalid.length < MAX_LISTED) this.result.invalid.push({ name, reason });
  }

  addRecord(name: string, value: unknown): void {
    if (!isOsvRecord(value)) {
      this.invalid(name, "not an OSV record (needs string id and modified)");
      return;
    }
    this.pending.push(value);
    if (value.withdrawn) this.result.withdrawn++;
    else this.result.imported++;
    const last = this.result.lastModified;
    if (last === null || Date.parse(value.modified) > Date.parse(last)) this.result.lastModified = value.modified;
    const source = this.options.source ?? recordSource(value);
    const seen = this.result.sources[source];
    if (seen === undefined || Date.parse(value.modified) > Date.parse(seen))
      this.result.sources[source] = value.modified;
  }

  async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    const upsertOptions: { source?: string; run?: number } = {};
    if (this.options.source !== undefined) upsertOptions.source = this.options.source;
    if (this.options.run !== undefined) upsertOptions.run = this.options.run;
    await this.store.upsert(batch, upsertOptions);
  }
}
