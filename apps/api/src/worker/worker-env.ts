import { DomainError, isDomainError } from "@regscan/core";
import { parseMasterKey } from "@regscan/crypto";
import { type Config, ConfigSchema, loadConfig } from "../config.js";
import type { QueueProducer, R2BucketBinding, RateLimitBinding } from "./cloudflare-bindings.js";
import type { ScanMessage } from "./queue-job-queue.js";

/**
 * The Worker's `env`: the settings of the README's table as vars (wrangler.jsonc) and secrets
 * (`wrangler secret put`), plus the bindings by these names.
 */
export interface WorkerEnv {
  /** Producer of the scan queue (required). */
  SCAN_QUEUE?: QueueProducer<ScanMessage>;
  /** Per-token request budget (optional: without it, no rate limit). */
  RATE_LIMITER?: RateLimitBinding;
  /** Layer results between scans (optional: without it, every scan reads every layer). */
  LAYER_CACHE?: R2BucketBinding;
  [name: string]: unknown;
}

const fix = (name: string) =>
  `set it in wrangler.jsonc (vars) or with \`wrangler secret put ${name}\`, then deploy again`;

/** A setting the Worker cannot start with: every request answers 500 with this message. */
function misconfigured(message: string): DomainError {
  return new DomainError("internal", `The Worker is misconfigured: ${message}`);
}

/**
 * Reads the configuration from the bindings with the same closed schema as on Node, plus what
 * Workers need: a remote database URL and a master key (no generated key, no file system).
 * Throws a DomainError (`internal`, shown as a 500 problem) naming every bad or missing setting;
 * values are never quoted (some are secrets).
 */
export function workerConfig(env: WorkerEnv): Config {
  const settings: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) if (typeof value === "string") settings[name] = value;
  const known = new Set(Object.keys(ConfigSchema.shape));
  const unknown = Object.keys(settings).filter((name) => name.startsWith("REGSCAN_") && !known.has(name));
  if (unknown.length > 0) {
    throw misconfigured(
      `${unknown.join(", ")} ${unknown.length === 1 ? "is not a setting" : "are not settings"} of regscan (see the README's configuration table): rename or remove ${unknown.length === 1 ? "it" : "them"}.`,
    );
  }
  let config: Config;
  try {
    config = loadConfig(settings);
  } catch (error) {
    // loadConfig's message names each variable and what is wrong with it, never its value.
    throw misconfigured(
      `${(error as Error).message.replace(/\n\s*/g, " ")}; fix the variables in wrangler.jsonc or with \`wrangler secret put\`.`,
    );
  }
  const url = settings.REGSCAN_DB_URL;
  if (url === undefined) {
    throw misconfigured(
      `REGSCAN_DB_URL is not set: it is the Turso database URL (libsql://<db>-<org>.turso.io); ${fix("REGSCAN_DB_URL")}.`,
    );
  }
  if (!/^(libsql|https?):\/\//.test(url)) {
    throw misconfigured(
      "REGSCAN_DB_URL must be a libsql://, https:// or http:// URL on Workers (a file: database needs the Node entry, `pnpm start`).",
    );
  }
  if (!config.REGSCAN_MASTER_KEY) {
    throw misconfigured(
      "REGSCAN_MASTER_KEY is not set, and a Worker never generates one: run `openssl rand -base64 32 | wrangler secret put REGSCAN_MASTER_KEY`, then deploy again.",
    );
  }
  try {
    parseMasterKey(config.REGSCAN_MASTER_KEY, "REGSCAN_MASTER_KEY");
    for (const [i, key] of config.REGSCAN_PREVIOUS_MASTER_KEYS.entries()) {
      parseMasterKey(key, `REGSCAN_PREVIOUS_MASTER_KEYS[${i}]`);
    }
  } catch (error) {
    // parseMasterKey names the setting and what is wrong with it, never the key.
    if (!isDomainError(error)) throw error;
    throw misconfigured(`${error.message} Store it with \`wrangler secret put\`, then deploy again.`);
  }
  if (!env.SCAN_QUEUE) {
    throw misconfigured(
      'the SCAN_QUEUE binding is missing: add queues.producers [{ "binding": "SCAN_QUEUE", … }] to wrangler.jsonc.',
    );
  }
  return config;
}
