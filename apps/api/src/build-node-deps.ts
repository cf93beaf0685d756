import { statSync } from "node:fs";
import { dirname, join } from "node:path";
import { createMemoryBrowseCache, createRandomIds, systemClock } from "@regscan/core";
import { createAesGcmSecretCipher, createWebCryptoTokenHasher, keyIdOf, parseMasterKey } from "@regscan/crypto";
import { loadOrCreateMasterKey } from "@regscan/crypto/node";
import { createScalewayRegistryGateway } from "@regscan/scaleway-adapter";
import { createLibsqlStore } from "@regscan/storage";
import { checkWritable, migrateWhenFree, openDatabase } from "@regscan/storage/node";
import type { Config } from "./config.js";
import type { AppDeps } from "./deps.js";
import type { Logger } from "./http/logger.js";

/** Where the generated master key lives when REGSCAN_MASTER_KEY is unset: beside a file database. */
export function masterKeyFile(dbUrl: string): string {
  if (dbUrl.startsWith("file:")) return join(dirname(dbUrl.slice("file:".length)), "master.key");
  return join(".regscan", "master.key");
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
 * The Node composition root: embedded libSQL (or Turso), key ring, Scaleway gateway. Throws
 * DomainError `service_unavailable` when the database cannot be opened, migrated or written.
 */
export async function buildNodeDeps(
  config: Config,
  logger: Logger,
): Promise<{ deps: AppDeps; close: () => Promise<void>; activeKeyId: string }> {
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

    const deps: AppDeps = {
      core: {
        ...store,
        transaction: (work) => store.transaction(work),
        cipher,
        clock: systemClock,
        ids: createRandomIds(),
        hasher: createWebCryptoTokenHasher(),
        settings: { orgCreation: config.REGSCAN_ORG_CREATION, defaultFeatures: config.REGSCAN_DEFAULT_FEATURES },
        registry: createScalewayRegistryGateway({
          apiUrl: config.REGSCAN_SCALEWAY_API_URL,
          registry: config.REGSCAN_SCALEWAY_REGISTRY,
          timeoutMs: config.REGSCAN_SCALEWAY_TIMEOUT_SECONDS * 1000,
        }),
      },
      logger,
      corsOrigins: config.REGSCAN_CORS_ORIGINS,
      browseCache: createMemoryBrowseCache({ ttlMs: config.REGSCAN_BROWSE_CACHE_TTL_SECONDS * 1000 }),
      ready: () => database.ready(),
    };
    return { deps, close: () => database.close(), activeKeyId: await keyIdOf(active) };
  } catch (e) {
    await database.close();
    throw e;
  }
}
