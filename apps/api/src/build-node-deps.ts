import { statSync } from "node:fs";
import { hostname } from "node:os";
import { dirname, join } from "node:path";
import { createMemoryBrowseCache } from "@regscan/core";
import { createAesGcmSecretCipher, createWebCryptoTokenHasher, keyIdOf, parseMasterKey } from "@regscan/crypto";
import { loadOrCreateMasterKey } from "@regscan/crypto/node";
import { createFsLayerCache, nodeSha256, zlibDecompressor } from "@regscan/scanner/node";
import { createLibsqlStore, serializedWriter } from "@regscan/storage";
import { checkWritable, migrateWhenFree, openDatabase } from "@regscan/storage/node";
import { buildDeps } from "./build-deps.js";
import type { Config } from "./config.js";
import type { AppDeps } from "./deps.js";
import type { Logger } from "./http/logger.js";
import { nodeClientAddress } from "./node/client-address.js";
import { nodeDocsAssets } from "./node/docs-assets.js";
import { createInProcessQueue } from "./scans/in-process-queue.js";
import { createScanRunner, type ScanRunner } from "./scans/scan-runner.js";

/** Where the generated master key lives when REGSCAN_MASTER_KEY is unset: beside a file database. */
export function masterKeyFile(dbUrl: string): string {
  if (dbUrl.startsWith("file:")) return join(dirname(dbUrl.slice("file:".length)), "master.key");
  return join(".regscan", "master.key");
}

/** The folder beside a file database (or `.regscan`) that keeps walked layers between scans. */
function layerCacheDir(dbUrl: string): string {
  return dbUrl.startsWith("file:") ? join(dirname(dbUrl.slice("file:".length)), "layers") : join(".regscan", "layers");
}

const octal = (mode: number) => `0${mode.toString(8)}`;

/** Warns about a master key file other users can read (it opens every stored secret). */
function warnIfKeyFileOpen(keyFile: string, logger: Logger): void {
  const mode = statSync(keyFile).mode & 0o777;
  if ((mode & 0o077) !== 0) {
    logger.warn("the master key file is readable by other users", {
      path: keyFile,
      mode: octal(mode),
      hint: `chmod 600 ${keyFile}`,
    });
  }
}

/**
 * The Node root: picks the embedded libSQL file (or Turso), the key ring from the environment or the
 * generated key file, the in-process queue and scan runner, the layer-cache folder, `node:zlib` and
 * `node:crypto`; build-deps.ts wires the rest. Throws DomainError `service_unavailable` when the
 * database cannot be opened, migrated or written.
 */
export async function buildNodeDeps(
  config: Config,
  logger: Logger,
): Promise<{ deps: AppDeps; runner: ScanRunner; close: () => Promise<void>; activeKeyId: string }> {
  const database = await openDatabase({
    url: config.REGSCAN_DB_URL,
    authToken: config.REGSCAN_DB_AUTH_TOKEN,
    busyTimeoutMs: config.REGSCAN_DB_BUSY_TIMEOUT_SECONDS * 1000,
  });
  try {
    for (const wide of database.insecureModes) {
      logger.warn("a database file or its folder is readable by other users", {
        path: wide.path,
        mode: octal(wide.mode),
        expected: octal(wide.expected),
        hint: `chmod ${wide.expected.toString(8)} ${wide.path} (it holds token hashes, encrypted secrets and the audit log)`,
      });
    }
    const { busyTimeoutMs } = database;
    await migrateWhenFree(database.writeDb, { busyTimeoutMs });
    await checkWritable(database.writeDb, { busyTimeoutMs });

    let active: Uint8Array;
    if (config.REGSCAN_MASTER_KEY) {
      active = parseMasterKey(config.REGSCAN_MASTER_KEY, "REGSCAN_MASTER_KEY");
    } else {
      const keyFile = masterKeyFile(config.REGSCAN_DB_URL);
      const loaded = await loadOrCreateMasterKey({ keyFile });
      if (loaded.generated) {
        logger.warn("REGSCAN_MASTER_KEY is not set: generated a master key", {
          keyFile,
          hint: "Back this file up (losing it makes stored secrets unreadable), or set REGSCAN_MASTER_KEY.",
        });
      }
      warnIfKeyFileOpen(keyFile, logger);
      active = loaded.key;
    }
    const previous = config.REGSCAN_PREVIOUS_MASTER_KEYS.map((k, i) =>
      parseMasterKey(k, `REGSCAN_PREVIOUS_MASTER_KEYS[${i}]`),
    );
    const cipher = await createAesGcmSecretCipher({ keyRing: { active, previous } });
    const store = createLibsqlStore(database.db, { writeDb: database.writeDb, busyTimeoutMs });

    const queue = createInProcessQueue();
    const deps = await buildDeps(config, {
      store,
      advisoryClient: database.writeDb.$client,
      serializeWrite: serializedWriter(database.writeDb, {
        busyTimeoutMs,
        separateWriteClient: database.writeDb !== database.db,
      }),
      cipher,
      hasher: createWebCryptoTokenHasher(),
      queue,
      browseCache: createMemoryBrowseCache({ ttlMs: config.REGSCAN_BROWSE_CACHE_TTL_SECONDS * 1000 }),
      logger,
      layerCache: createFsLayerCache(layerCacheDir(config.REGSCAN_DB_URL)),
      decompressor: zlibDecompressor,
      sha256: nodeSha256,
      ready: () => database.ready(),
      clientAddress: nodeClientAddress,
      docs: nodeDocsAssets(),
    });
    const runner = createScanRunner(deps.scans, {
      owner: `${hostname()}:${process.pid}:${crypto.randomUUID().slice(0, 8)}`,
      concurrency: config.REGSCAN_SCAN_CONCURRENCY,
      logger,
    });
    queue.onWake(() => runner.wake());
    let refreshTimer: ReturnType<typeof setInterval> | undefined;
    if (config.REGSCAN_ADVISORY_REFRESH_HOURS > 0) {
      refreshTimer = setInterval(() => {
        deps.refresher.refresh().catch((error: unknown) => {
          logger.error("advisory refresh failed", { error: error instanceof Error ? error.message : String(error) });
        });
      }, config.REGSCAN_ADVISORY_REFRESH_HOURS * 3600_000);
    }
    const close = async () => {
      if (refreshTimer) clearInterval(refreshTimer);
      await runner.stop();
      queue.close();
      await database.close();
    };
    return { deps, runner, close, activeKeyId: await keyIdOf(active) };
  } catch (e) {
    await database.close();
    throw e;
  }
}
