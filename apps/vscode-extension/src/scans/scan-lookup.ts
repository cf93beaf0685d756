/**
 * What regscan already knows about an image, for the Dockerfile features: the latest succeeded scan
 * of a reference, the scanned tags of a repository and a scan's top findings. Answers are cached
 * for a short while (a Dockerfile re-renders on every keystroke) and dropped when a scan ends.
 */
import type { Finding, Scan } from "../api/api-types.js";
import type { RegscanApi } from "../api/regscan-api.js";
import { latestPerTag, type ScannedTag } from "../dockerfile/alternative-tags.js";
import { tagOf } from "../dockerfile/image-reference.js";

export type ApiSource = () => { api: RegscanApi; projectId: string } | null;

/** Scans of a repository looked at for alternative tags (newest first). */
const MAX_REPOSITORY_SCANS = 300;

export class ScanLookup {
  private readonly cache = new Map<string, { at: number; value: Promise<unknown> }>();

  constructor(
    private readonly source: ApiSource,
    private readonly ttlMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** The newest succeeded scan of exactly this reference (`host/ns/img:tag` or `…@sha256:…`). */
  latest(reference: string): Promise<Scan | null> {
    return this.cached(`latest:${reference}`, async (api, projectId) => {
      const page = await api.listScans(projectId, { image: reference, status: "succeeded", limit: 1 });
      return page.items[0] ?? null;
    });
  }

  /** The latest succeeded scan of each tag of a repository (`host/ns/img`). */
  scannedTags(repository: string): Promise<ScannedTag[]> {
    return this.cached(`tags:${repository}`, async (api, projectId) => {
      const scans: Scan[] = [];
      let cursor: string | null = null;
      const seen = new Set<string>();
      do {
        const page = await api.listScans(projectId, { image: repository, status: "succeeded", cursor, limit: 100 });
        scans.push(...page.items);
        cursor = page.nextCursor && !seen.has(page.nextCursor) ? page.nextCursor : null;
        if (cursor) seen.add(cursor);
      } while (cursor && scans.length < MAX_REPOSITORY_SCANS);
      return latestPerTag(scans, tagOf);
    });
  }

  /** The highest-severity findings of a scan (the API lists them highest first). */
  topFindings(scanId: string, limit = 5): Promise<Finding[]> {
    return this.cached(
      `top:${scanId}`,
      async (api, projectId) => (await api.findings(projectId, scanId, { limit })).items,
    );
  }

  /** Forgets everything (a scan ended, the user refreshed or signed in as someone else). */
  clear(): void {
    this.cache.clear();
  }

  private cached<T>(key: string, load: (api: RegscanApi, projectId: string) => Promise<T>): Promise<T> {
    const hit = this.cache.get(key);
    if (hit && this.now() - hit.at < this.ttlMs) return hit.value as Promise<T>;
    const src = this.source();
    if (!src) return Promise.resolve(null as T);
    const value = load(src.api, src.projectId);
    this.cache.set(key, { at: this.now(), value });
    // A failed answer is not kept: the next look tries again.
    value.catch(() => {
      if (this.cache.get(key)?.value === value) this.cache.delete(key);
    });
    return value;
  }
}
