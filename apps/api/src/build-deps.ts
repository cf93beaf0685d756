/**
 * The one composition root of the API, shared by the Node entry and the Worker: given what the
 * platform provides (a libSQL client, the cipher, the job queue, caches, the decompressor and hash),
 * it wires every repository, the Scaleway gateway, the scan pipeline and the advisory refresher.
 * build-node-deps.ts and build-worker-deps.ts only choose those platform pieces.
 */
import type { Client } from "@libsql/client";
import {
  type BrowseCache,
  type CoreDeps,
  createRandomIds,
  DEFAULT_SCAN_POLICY,
  type JobQueue,
  type ScanDeps,
  type SecretCipher,
  systemClock,
  type TokenHasher,
} from "@regscan/core";
import { createScalewayRegistryGateway } from "@regscan/scaleway-adapter";
import {
  createImageScanner,
  createLibsqlAdvisoryStore,
  type Decompressor,
  defaultCatalogers,
  finalizePackage,
  type LayerCache,
  openPullSource,
  type Sha256Factory,
} from "@regscan/scanner";
import {
  createDatabase,
  createLibsqlAuditLog,
  createLibsqlCredentialRepository,
  createLibsqlIdempotencyRepository,
  createLibsqlInventoryRepository,
  createLibsqlOrgRepository,
  createLibsqlScanRepository,
  createLibsqlTokenRepository,
} from "@regscan/storage";
import { createAdvisoryRefresher } from "./advisories/advisory-refresher.js";
import type { Config } from "./config.js";
import type { AppDeps } from "./deps.js";
import type { Logger } from "./http/logger.js";

/** What each runtime provides. */
export interface PlatformDeps {
  /** A libSQL client (`@libsql/client` on Node, `@libsql/client/web` on Workers), migrated. */
  client: Client;
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
}

export async function buildDeps(config: Config, platform: PlatformDeps): Promise<AppDeps> {
  const db = createDatabase(platform.client);
  const registry = createScalewayRegistryGateway({
    apiUrl: config.REGSCAN_SCALEWAY_API_URL,
    registry: config.REGSCAN_SCALEWAY_REGISTRY,
    timeoutMs: config.REGSCAN_SCALEWAY_TIMEOUT_SECONDS * 1000,
    ...(platform.fetch ? { fetch: platform.fetch } : {}),
  });
  const core: CoreDeps = {
    orgs: createLibsqlOrgRepository(db),
    tokens: createLibsqlTokenRepository(db),
    credentials: createLibsqlCredentialRepository(db),
    audit: createLibsqlAuditLog(db),
    cipher: platform.cipher,
    clock: systemClock,
    ids: createRandomIds(),
    hasher: platform.hasher,
    registry,
  };
  const advisories = await createLibsqlAdvisoryStore(platform.client, { closeClient: false });
  const scanner = createImageScanner({
    openSource: (request) =>
      openPullSource(request, { sha256: platform.sha256, ...(platform.fetch ? { fetch: platform.fetch } : {}) }),
    catalogers: defaultCatalogers,
    finalize: finalizePackage,
    advisories,
    decompressor: platform.decompressor,
    sha256: platform.sha256,
    ...(platform.layerCache ? { cache: platform.layerCache } : {}),
    limits: { maxUncompressedBytes: config.REGSCAN_SCAN_MAX_UNCOMPRESSED_BYTES },
  });
  const scans: ScanDeps = {
    ...core,
    registry,
    scans: createLibsqlScanRepository(db),
    inventories: createLibsqlInventoryRepository(db),
    idempotency: createLibsqlIdempotencyRepository(db),
    queue: platform.queue,
    scanner,
    advisories,
    scanPolicy: {
      ...DEFAULT_SCAN_POLICY,
      maxAttempts: config.REGSCAN_SCAN_MAX_ATTEMPTS,
      leaseMs: config.REGSCAN_SCAN_LEASE_SECONDS * 1000,
      orgConcurrency: config.REGSCAN_ORG_SCAN_CONCURRENCY,
      orgQueueLimit: config.REGSCAN_ORG_SCAN_QUEUE_LIMIT,
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
    browseCache: platform.browseCache,
  };
}
