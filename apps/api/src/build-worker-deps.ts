/**
 * The Worker root: picks `@libsql/client/web` (Turso over HTTP), the key ring from the secrets,
 * the Queue producer as job queue, the Cache API browse cache, the rate-limiting binding, R2 for
 * layer results when bound, the web decompressor (fflate, fzstd) and a streaming SHA-256. Everything else
 * is the shared composition root (build-deps.ts).
 */
import { type Client, createClient } from "@libsql/client/web";
import { createMemoryBrowseCache } from "@regscan/core";
import { createAesGcmSecretCipher, createWebCryptoTokenHasher, parseMasterKey } from "@regscan/crypto";
import { webDecompressor, webSha256 } from "@regscan/scanner";
import { checkDatabaseReady, createDatabase, createLibsqlStore } from "@regscan/storage";
import { buildDeps } from "./build-deps.js";
import type { Config } from "./config.js";
import type { AppDeps } from "./deps.js";
import { cdnDocsAssets } from "./docs/docs-assets.js";
import { SCALAR_API_REFERENCE_VERSION } from "./docs/scalar-version.js";
import type { Logger } from "./http/logger.js";
import { createCacheApiBrowseCache } from "./worker/cache-api-browse-cache.js";
import type { QueueProducer, R2BucketBinding, RateLimitBinding } from "./worker/cloudflare-bindings.js";
import { createQueueJobQueue, type ScanMessage } from "./worker/queue-job-queue.js";
import { createR2LayerCache } from "./worker/r2-layer-cache.js";
import { createBindingRateLimiter } from "./worker/rate-limit-binding.js";

export interface WorkerBindings {
  SCAN_QUEUE: QueueProducer<ScanMessage>;
  RATE_LIMITER?: RateLimitBinding | undefined;
  LAYER_CACHE?: R2BucketBinding | undefined;
}

/** The database client of the Worker: Turso (or any Hrana-over-HTTP server) at REGSCAN_DB_URL. */
export function openWorkerDatabase(config: Config): Client {
  return createClient({
    url: config.REGSCAN_DB_URL,
    ...(config.REGSCAN_DB_AUTH_TOKEN ? { authToken: config.REGSCAN_DB_AUTH_TOKEN } : {}),
  });
}

/** Period of the RATE_LIMITER binding's `simple` rule in wrangler.jsonc. */
const RATE_LIMIT_PERIOD_SECONDS = 60;

export async function buildWorkerDeps(
  config: Config,
  bindings: WorkerBindings,
  platform: { client: Client; logger: Logger },
): Promise<AppDeps> {
  if (!config.REGSCAN_MASTER_KEY) throw new Error("REGSCAN_MASTER_KEY is required on Workers");
  const active = parseMasterKey(config.REGSCAN_MASTER_KEY, "REGSCAN_MASTER_KEY");
  const previous = config.REGSCAN_PREVIOUS_MASTER_KEYS.map((k, i) =>
    parseMasterKey(k, `REGSCAN_PREVIOUS_MASTER_KEYS[${i}]`),
  );
  const cache = (globalThis as { caches?: { default?: Cache } }).caches?.default;
  const ttlSeconds = config.REGSCAN_BROWSE_CACHE_TTL_SECONDS;
  const db = createDatabase(platform.client);
  const deps = await buildDeps(config, {
    // Turso serializes writes itself: no write connection or lock of our own on Workers.
    store: createLibsqlStore(db),
    advisoryClient: platform.client,
    ready: () => checkDatabaseReady(db),
    cipher: await createAesGcmSecretCipher({ keyRing: { active, previous } }),
    hasher: createWebCryptoTokenHasher(),
    queue: createQueueJobQueue(bindings.SCAN_QUEUE),
    browseCache: cache
      ? createCacheApiBrowseCache({ cache, ttlSeconds, logger: platform.logger })
      : createMemoryBrowseCache({ ttlMs: ttlSeconds * 1000 }),
    logger: platform.logger,
    ...(bindings.LAYER_CACHE
      ? { layerCache: createR2LayerCache({ bucket: bindings.LAYER_CACHE, logger: platform.logger }) }
      : {}),
    decompressor: webDecompressor,
    sha256: webSha256,
    // Behind Cloudflare, the client's address is in CF-Connecting-IP (requests without a token).
    clientAddress: (c) => c.req.header("cf-connecting-ip"),
    ...(bindings.RATE_LIMITER
      ? {
          rateLimiter: createBindingRateLimiter(bindings.RATE_LIMITER, {
            periodSeconds: RATE_LIMIT_PERIOD_SECONDS,
            limit: config.REGSCAN_RATE_LIMIT_PER_MINUTE,
          }),
        }
      : {}),
    docs: cdnDocsAssets(SCALAR_API_REFERENCE_VERSION),
  });
  return deps;
}
