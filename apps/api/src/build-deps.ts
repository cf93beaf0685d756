/**
 * The one composition root of the API, shared by the Node entry and the Worker: given what the
 * platform provides (the repositories and their transactions, the libSQL client of the advisory
 * tables, the cipher, the job queue, caches, the decompressor and hash), it wires the Scaleway
 * gateway, the scan pipeline and the advisory refresher. build-node-deps.ts and
 * build-worker-deps.ts only choose those platform pieces.
 */
import type { Client } from "@libsql/client";
import {
  type BrowseCache,
  type CoreDeps,
  createRandomIds,
  DEFAULT_SCAN_POLICY,
  type JobQueue,
  type Repositories,
  type ScanDeps,
  type SecretCipher,
  systemClock,
  type TokenHasher,
  type TransactionRunner,
} from "@regscan/core";
import { createScalewayRegistryGateway } from "@regscan/scaleway-adapter";
import {
  type AdvisoryStore,
  createImageScanner,
  createLibsqlAdvisoryStore,
  type Decompressor,
  defaultCatalogers,
  finalizePackage,
  type LayerCache,
  openPullSource,
  type Sha256Factory,
} from "@regscan/scanner";
import { createAdvisoryRefresher } from "./advisories/advisory-refresher.js";
import type { Config } from "./config.js";
import type { AppDeps, Readiness } from "./deps.js";
import type { DocsAssets } from "./docs/docs-assets.js";
import type { Logger } from "./http/logger.js";
import type { RateLimitDeps } from "./http/rate-limit.js";
import { createShortLivedCache } from "./http/short-lived-cache.js";
import { createMemoryRateLimiter } from "./rate-limit/memory-rate-limiter.js";
import type { RateLimiter } from "./rate-limit/rate-limiter.js";

/** What each runtime provides. */
export interface PlatformDeps {
  /** The repositories and their transaction runner (`createLibsqlStore`), over a migrated database. */
  store: Repositories & TransactionRunner;
  /** The libSQL client of the same database, for the advisory tables (the write client on Node). */
  advisoryClient: Client;
  /** Runs one advisory write behind the store's write lock (Node); directly when absent. */
  serializeWrite?: <T>(task: () => Promise<T>) => Promise<T>;
  cipher: SecretCipher;
  hasher: TokenHasher;
  queue: JobQueue;
  browseCache: BrowseCache;
  logger: Logger;
  /** Layer results kept between scans (a folder on Node, R2 on Workers); none by default. */
  layerCache?: LayerCache;
  decompressor: Decompressor;
  sha256: Sha256Factory;
  fetch?: typeof fetch;
  ready(): Promise<Readiness>;
  /** The caller's network address, for the rate limit of requests without a valid token. */
  clientAddress: RateLimitDeps["clientAddress"];
  /** Counts requests for REGSCAN_RATE_LIMIT_PER_MINUTE (Workers: the rate-limiting binding); in memory by default. */
  rateLimiter?: RateLimiter;
  /** The /docs viewer script: served from the installed package (Node), or the CDN fallback. */
  docs: DocsAssets;
}

export async function buildDeps(config: Config, platform: PlatformDeps): Promise<AppDeps> {
  const { store } = platform;
  const registry = createScalewayRegistryGateway({
    apiUrl: config.REGSCAN_SCALEWAY_API_URL,
    registry: config.REGSCAN_SCALEWAY_REGISTRY,
    timeoutMs: config.REGSCAN_SCALEWAY_TIMEOUT_SECONDS * 1000,
    ...(platform.fetch ? { fetch: platform.fetch } : {}),
  });
  const core: CoreDeps = {
    ...store,
    transaction: (work) => store.transaction(work),
    cipher: platform.cipher,
    clock: systemClock,
    ids: createRandomIds(),
    hasher: platform.hasher,
    settings: { orgCreation: config.REGSCAN_ORG_CREATION, defaultFeatures: config.REGSCAN_DEFAULT_FEATURES },
    registry,
  };
  const advisories = serializeAdvisoryWrites(
    await createLibsqlAdvisoryStore(platform.advisoryClient, { closeClient: false }),
    platform.serializeWrite,
  );
  const scanner = createImageScanner({
    openSource: (request) =>
      openPullSource(request, { sha256: platform.sha256, ...(platform.fetch ? { fetch: platform.fetch } : {}) }),
    catalogers: defaultCatalogers,
    finalize: finalizePackage,
    advisories,
    decompressor: platform.decompressor,
    sha256: platform.sha256,
    ...(platform.layerCache ? { cache: platform.layerCache } : {}),
    limits: { maxUncompressedBytes: config.REGSCAN_SCAN_MAX_UNCOMPRESSED_SIZE },
  });
  const scans: ScanDeps = {
    ...core,
    registry,
    queue: platform.queue,
    scanner,
    advisories,
    scanPolicy: {
      ...DEFAULT_SCAN_POLICY,
      maxAttempts: config.REGSCAN_SCAN_MAX_ATTEMPTS,
      leaseMs: config.REGSCAN_SCAN_LEASE_SECONDS * 1000,
      orgConcurrency: config.REGSCAN_ORG_SCAN_CONCURRENCY,
      orgQueueLimit: config.REGSCAN_ORG_SCAN_QUEUE_LIMIT,
      maxRunMs: config.REGSCAN_SCAN_TIMEOUT_SECONDS * 1000,
      retryBaseMs: config.REGSCAN_SCAN_RETRY_BASE_SECONDS * 1000,
    },
  };
  const refresher = createAdvisoryRefresher({
    store: advisories,
    baseUrl: config.REGSCAN_OSV_URL,
    ...(platform.fetch ? { fetch: platform.fetch } : {}),
  });
  return {
    core,
    scans,
    advisories,
    refresher,
    logger: platform.logger,
    corsOrigins: config.REGSCAN_CORS_ORIGINS,
    shortLived: {
      principals: createShortLivedCache({ ttlMs: config.REGSCAN_AUTH_CACHE_SECONDS * 1000 }),
      browseCredentials: createShortLivedCache({ ttlMs: config.REGSCAN_AUTH_CACHE_SECONDS * 1000 }),
    },
    browseCache: platform.browseCache,
    ready: () => platform.ready(),
    rateLimit: {
      limiter:
        config.REGSCAN_RATE_LIMIT_PER_MINUTE === 0
          ? null
          : (platform.rateLimiter ?? createMemoryRateLimiter({ limit: config.REGSCAN_RATE_LIMIT_PER_MINUTE })),
      clientAddress: platform.clientAddress,
    },
    docs: platform.docs,
  };
}

/** The advisory store with its writes run through `serialize` (reads go directly). */
function serializeAdvisoryWrites(store: AdvisoryStore, serialize: PlatformDeps["serializeWrite"]): AdvisoryStore {
  if (!serialize) return store;
  return {
    findByPackage: (ecosystem, name) => store.findByPackage(ecosystem, name),
    findForPackages: (keys) => store.findForPackages(keys),
    status: () => store.status(),
    close: () => store.close(),
    upsert: (records, options) => serialize(() => store.upsert(records, options)),
    delete: (ids) => serialize(() => store.delete(ids)),
    removeStale: (source, run) => serialize(() => store.removeStale(source, run)),
    markImported: (source, lastModified, importedAt) =>
      serialize(() => store.markImported(source, lastModified, importedAt)),
  };
}
