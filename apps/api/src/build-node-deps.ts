import { dirname, join } from "node:path";
import { createMemoryBrowseCache, createRandomIds, systemClock } from "@regscan/core";
import { createAesGcmSecretCipher, createWebCryptoTokenHasher, parseMasterKey } from "@regscan/crypto";
import { loadOrCreateMasterKey } from "@regscan/crypto/node";
import { createScalewayRegistryGateway } from "@regscan/scaleway-adapter";
import {
  createLibsqlAuditLog,
  createLibsqlCredentialRepository,
  createLibsqlOrgRepository,
  createLibsqlTokenRepository,
  migrate,
} from "@regscan/storage";
import { openDatabase } from "@regscan/storage/node";
import type { Config } from "./config.js";
import type { AppDeps } from "./deps.js";
import type { Logger } from "./http/logger.js";

/** Where the generated master key lives when REGSCAN_MASTER_KEY is unset: beside a file database. */
export function masterKeyFile(dbUrl: string): string {
  if (dbUrl.startsWith("file:")) return join(dirname(dbUrl.slice("file:".length)), "master.key");
  return join(".regscan", "master.key");
}

/** The Node composition root: embedded libSQL (or Turso), key ring, Scaleway gateway. */
export async function buildNodeDeps(config: Config, logger: Logger): Promise<{ deps: AppDeps; close: () => void }> {
  const database = openDatabase({ url: config.REGSCAN_DB_URL, authToken: config.REGSCAN_DB_AUTH_TOKEN });
  await migrate(database.db);

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
    active = loaded.key;
  }
  const previous = config.REGSCAN_PREVIOUS_MASTER_KEYS.map((k, i) =>
    parseMasterKey(k, `REGSCAN_PREVIOUS_MASTER_KEYS[${i}]`),
  );
  const cipher = await createAesGcmSecretCipher({ keyRing: { active, previous } });

  const deps: AppDeps = {
    core: {
      orgs: createLibsqlOrgRepository(database.db),
      tokens: createLibsqlTokenRepository(database.db),
      credentials: createLibsqlCredentialRepository(database.db),
      audit: createLibsqlAuditLog(database.db),
      cipher,
      clock: systemClock,
      ids: createRandomIds(),
      hasher: createWebCryptoTokenHasher(),
      registry: createScalewayRegistryGateway({
        apiUrl: config.REGSCAN_SCALEWAY_API_URL,
        registry: config.REGSCAN_SCALEWAY_REGISTRY,
        timeoutMs: config.REGSCAN_SCALEWAY_TIMEOUT_SECONDS * 1000,
      }),
    },
    logger,
    corsOrigins: config.REGSCAN_CORS_ORIGINS,
    browseCache: createMemoryBrowseCache({ ttlMs: config.REGSCAN_BROWSE_CACHE_TTL_SECONDS * 1000 }),
  };
  return { deps, close: () => database.close() };
}
