import { DomainError } from "@regscan/core";
import type { AdvisoryStore } from "./advisory-store.js";
import { ImportBatcher, type ImportResult } from "./import-batcher.js";
import { DEFAULT_IMPORT_LIMITS, type ImportLimits } from "./import-limits.js";
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
  /** Size and count limits of what is downloaded (defaults: `DEFAULT_IMPORT_LIMITS`). */
  limits?: Partial<ImportLimits>;
}

/** Bytes of `modified_id.csv` read at most (the largest export lists ~300,000 ids: ~20 MiB). */
const MAX_INDEX_BYTES = 256 * 1024 * 1024;

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
  const limits = { ...DEFAULT_IMPORT_LIMITS, ...options.limits };

  if (state?.lastModified && !options.full) {
    const index = await readBody(await get(doFetch, `${prefix}/modified_id.csv`), MAX_INDEX_BYTES);
    if (index === undefined) {
      throw new DomainError(
        "upstream_unavailable",
        `${prefix}/modified_id.csv is larger than ${MAX_INDEX_BYTES} bytes.`,
      );
    }
    const csv = new TextDecoder().decode(index);
    const ids = changedSince(csv, state.lastModified);
    if (ids.length <= (options.maxIncremental ?? 5000)) {
      const batcher = new ImportBatcher(store, { source: eco });
      const missing: string[] = [];
      let done = 0;
      await forEachConcurrently(ids, 8, async (id) => {
        const res = await get(doFetch, `${prefix}/${encodeURIComponent(id)}.json`, true);
        if (res.status === 404) {
          await res.body?.cancel();
          missing.push(id);
        } else {
          const record = await readBody(res, limits.maxRecordBytes);
          if (record === undefined)
            batcher.refuse(`${id}.json`, `is larger than ${limits.maxRecordBytes} bytes, the limit per record`);
          else batcher.add(`${id}.json`, record);
        }
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
      limits,
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

/**
 * Reads a response body, at most `max` bytes: undefined (and the rest cancelled unread) when it
 * is longer. Content-Length is a hint only; the bytes are counted as they come.
 */
async function readBody(res: Response, max: number): Promise<Uint8Array | undefined> {
  const declared = Number(res.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > max) {
    await res.body?.cancel();
    return undefined;
  }
  if (!res.body) return new Uint8Array(0);
  const reader = res.body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const next = await reader.read();
    if (next.done) break;
    size += next.value.length;
    if (size > max) {
      await reader.cancel();
      return undefined;
    }
    parts.push(next.value);
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
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
