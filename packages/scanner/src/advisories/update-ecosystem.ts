import { DomainError } from "@regscan/core";
import type { AdvisoryStore } from "./advisory-store.js";
import { ImportBatcher, type ImportResult } from "./import-batcher.js";
import { importOsvZip } from "./import-osv-zip.js";
import { changedSince } from "./modified-id.js";

/** OSV's public bucket of per-ecosystem exports. */
export const OSV_EXPORT_URL = "https://osv-vulnerabilities.storage.googleapis.com";

export interface UpdateProgress {
  phase: "download" | "records";
  done: number;
  /** Bytes (download) or records (records); null when unknown. */
  total: number | null;
}

export interface UpdateEcosystemOptions {
  /** The export to refresh: `Debian`, `Alpine`, `Ubuntu`, `npm`, `PyPI`, ... */
  ecosystem: string;
  /** Base URL of the exports (default `OSV_EXPORT_URL`). */
  baseUrl?: string;
  fetch?: typeof fetch;
  now?: () => Date;
  onProgress?: (progress: UpdateProgress) => void;
  /** Re-import the whole export even when an incremental refresh is possible. */
  full?: boolean;
  /** Above this many changed records a full download is used instead (default 5,000). */
  maxIncremental?: number;
}

export interface UpdateResult extends ImportResult {
  ecosystem: string;
  mode: "full" | "incremental";
  /** Records removed because the export no longer has them. */
  removed: number;
}

/**
 * Brings one ecosystem up to date: the first time (or with `full`) from `<E>/all.zip`, streamed;
 * afterwards only the records that `<E>/modified_id.csv` lists as modified since the last import.
 * Throws `upstream_unavailable` when the bucket cannot be read.
 */
export async function updateEcosystem(store: AdvisoryStore, options: UpdateEcosystemOptions): Promise<UpdateResult> {
  const base = (options.baseUrl ?? OSV_EXPORT_URL).replace(/\/+$/, "");
  const eco = options.ecosystem;
  const prefix = `${base}/${encodeURIComponent(eco)}`;
  const doFetch = options.fetch ?? fetch;
  const now = options.now ?? (() => new Date());
  const state = (await store.status()).find((s) => s.ecosystem === eco && s.importedAt !== null);

  if (state?.lastModified && !options.full) {
    const csv = await (await get(doFetch, `${prefix}/modified_id.csv`)).text();
    const ids = changedSince(csv, state.lastModified);
    if (ids.length <= (options.maxIncremental ?? 5000)) {
      const batcher = new ImportBatcher(store, { source: eco });
      const missing: string[] = [];
      let done = 0;
      await forEachConcurrently(ids, 8, async (id) => {
        const res = await get(doFetch, `${prefix}/${encodeURIComponent(id)}.json`, true);
        if (res.status === 404) missing.push(id);
        else batcher.add(`${id}.json`, new Uint8Array(await res.arrayBuffer()));
        options.onProgress?.({ phase: "records", done: ++done, total: ids.length });
        if (batcher.full) await batcher.flush();
      });
      await batcher.flush();
      await store.delete(missing);
      const result = batcher.result;
      const lastModified = later(state.lastModified, result.lastModified);
      await store.markImported(eco, lastModified, now().toISOString());
      return { ...result, lastModified, ecosystem: eco, mode: "incremental", removed: missing.length };
    }
  }

  const res = await get(doFetch, `${prefix}/all.zip`);
  const total = Number(res.headers.get("content-length")) || null;
  const run = now().getTime();
  const body = res.body;
  if (!body) throw new DomainError("upstream_unavailable", `The OSV export ${prefix}/all.zip returned no body.`);
  const result = await importOsvZip(
    store,
    counted(body, (done) => options.onProgress?.({ phase: "download", done, total })),
    {
      source: eco,
      run,
      name: `${eco}/all.zip`,
    },
  );
  const removed = await store.removeStale(eco, run);
  await store.markImported(eco, result.lastModified, now().toISOString());
  return { ...result, ecosystem: eco, mode: "full", removed };
}

async function get(doFetch: typeof fetch, url: string, allow404 = false): Promise<Response> {
  let res: Response;
  try {
    res = await doFetch(url);
  } catch (e) {
    throw new DomainError(
      "upstream_unavailable",
      `Cannot reach ${url}: ${(e as Error).message}. Check the network or REGSCAN_OSV_URL.`,
    );
  }
  if (res.ok || (allow404 && res.status === 404)) return res;
  await res.body?.cancel();
  throw new DomainError("upstream_unavailable", `${url} answered HTTP ${res.status}.`, { status: res.status });
}

async function* counted(body: ReadableStream<Uint8Array>, onBytes: (done: number) => void): AsyncGenerator<Uint8Array> {
  const reader = body.getReader();
  let done = 0;
  for (;;) {
    const next = await reader.read();
    if (next.done) return;
    done += next.value.length;
    onBytes(done);
    yield next.value;
  }
}

async function forEachConcurrently<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

function later(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return Date.parse(b) > Date.parse(a) ? b : a;
}
