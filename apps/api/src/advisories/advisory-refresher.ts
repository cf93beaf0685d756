/**
 * The incremental OSV refresh of the API's own advisory data (`POST /v1/admin/advisories/refresh`,
 * the optional interval on Node, the Cron Trigger on Workers): every ecosystem the database holds
 * is brought up to date from `REGSCAN_OSV_URL`, one at a time (an empty database gets every export
 * regscan matches, as `regscan db update` does). One refresh runs at a time.
 */
import { isDomainError } from "@regscan/core";
import { type AdvisoryStore, DEFAULT_OSV_EXPORTS, type UpdateResult, updateEcosystem } from "@regscan/scanner";

export interface RefreshRun {
  startedAt: Date;
  finishedAt: Date | null;
  results: Array<Pick<UpdateResult, "ecosystem" | "mode" | "removed"> & { imported: number }>;
  errors: Array<{ ecosystem: string; code: string; message: string }>;
}

export interface AdvisoryRefresher {
  /** Starts a refresh (or joins the one running) and resolves when it is over. */
  refresh(): Promise<RefreshRun>;
  readonly current: RefreshRun | null;
  readonly last: RefreshRun | null;
}

export function createAdvisoryRefresher(options: {
  store: AdvisoryStore;
  baseUrl?: string;
  fetch?: typeof fetch;
  now?: () => Date;
}): AdvisoryRefresher {
  const now = options.now ?? (() => new Date());
  let current: { run: RefreshRun; done: Promise<RefreshRun> } | null = null;
  let last: RefreshRun | null = null;

  async function run(record: RefreshRun): Promise<RefreshRun> {
    // The exports the database holds; on an empty database, the ones regscan matches (as `db update`).
    const imported = (await options.store.status()).filter((s) => s.importedAt !== null).map((s) => s.ecosystem);
    const ecosystems = imported.length > 0 ? imported : [...DEFAULT_OSV_EXPORTS];
    for (const ecosystem of ecosystems) {
      try {
        const result = await updateEcosystem(options.store, {
          ecosystem,
          ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
          ...(options.fetch ? { fetch: options.fetch } : {}),
          now,
        });
        record.results.push({
          ecosystem,
          mode: result.mode,
          removed: result.removed,
          imported: result.imported,
        });
      } catch (error) {
        if (!isDomainError(error)) throw error;
        record.errors.push({ ecosystem, code: error.code, message: error.message });
      }
    }
    record.finishedAt = now();
    return record;
  }

  return {
    refresh() {
      if (current) return current.done;
      const record: RefreshRun = { startedAt: now(), finishedAt: null, results: [], errors: [] };
      const done = run(record).finally(() => {
        last = record;
        current = null;
      });
      current = { run: record, done };
      return done;
    },
    get current() {
      return current?.run ?? null;
    },
    get last() {
      return last;
    },
  };
}
