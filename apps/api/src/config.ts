import { FEATURES, type Feature } from "@regscan/core";
import { parseSize } from "@regscan/scanner";
import { z } from "zod";

const list = z
  .string()
  .optional()
  .transform((v) =>
    (v ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
  );

/** A size such as `4GiB`, `512MiB` or plain bytes (the CLI's `--max-uncompressed-size` syntax). */
const size = (name: string, fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((value, ctx) => {
      try {
        return parseSize(value, name);
      } catch (error) {
        ctx.addIssue({ code: "custom", message: (error as Error).message });
        return z.NEVER;
      }
    });

const features = list.pipe(
  z.array(z.enum(FEATURES, { error: `Each feature must be one of ${FEATURES.join(", ")}.` })),
) as z.ZodType<Feature[]>;

/**
 * The closed list of environment variables the API reads. Read once at start; values are
 * passed down, nothing below the app reads the environment.
 */
export const ConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  HOST: z.string().min(1).default("127.0.0.1"),
  REGSCAN_DB_URL: z.string().min(1).default("file:.regscan/regscan.db"),
  REGSCAN_DB_AUTH_TOKEN: z.string().optional(),
  REGSCAN_DB_BUSY_TIMEOUT_SECONDS: z.coerce.number().min(0).max(600).default(5),
  REGSCAN_MASTER_KEY: z.string().optional(),
  REGSCAN_PREVIOUS_MASTER_KEYS: list,
  REGSCAN_BOOTSTRAP_TOKEN: z.string().min(16, "REGSCAN_BOOTSTRAP_TOKEN must be at least 16 characters").optional(),
  REGSCAN_CORS_ORIGINS: list,
  REGSCAN_SCALEWAY_API_URL: z.string().url().default("https://api.scaleway.com"),
  REGSCAN_SCALEWAY_REGISTRY: z.string().min(1).default("rg.{region}.scw.cloud"),
  REGSCAN_SCALEWAY_TIMEOUT_SECONDS: z.coerce.number().min(0.1).max(300).default(15),
  REGSCAN_BROWSE_CACHE_TTL_SECONDS: z.coerce.number().int().min(0).max(3600).default(30),
  REGSCAN_AUTH_CACHE_SECONDS: z.coerce.number().min(0).max(300).default(5),
  REGSCAN_ORG_CREATION: z
    .enum(["admin", "any"], { error: "REGSCAN_ORG_CREATION must be admin or any." })
    .default("admin"),
  REGSCAN_DEFAULT_FEATURES: features,
  REGSCAN_SCAN_CONCURRENCY: z.coerce.number().int().min(0).max(64).default(2),
  REGSCAN_ORG_SCAN_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(4),
  REGSCAN_ORG_SCAN_QUEUE_LIMIT: z.coerce.number().int().min(1).max(1_000_000).default(1000),
  REGSCAN_SCAN_LEASE_SECONDS: z.coerce.number().min(1).max(3600).default(60),
  REGSCAN_SCAN_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(3),
  REGSCAN_SCAN_TIMEOUT_SECONDS: z.coerce.number().min(1).max(86_400).default(1800),
  REGSCAN_SCAN_RETRY_BASE_SECONDS: z.coerce.number().min(0.1).max(3600).default(5),
  REGSCAN_SCAN_MAX_UNCOMPRESSED_SIZE: size("REGSCAN_SCAN_MAX_UNCOMPRESSED_SIZE", "4GiB"),
  REGSCAN_ADVISORY_REFRESH_HOURS: z.coerce
    .number()
    .min(0)
    .max(24 * 30)
    .default(0),
  REGSCAN_OSV_URL: z.string().url().default("https://osv-vulnerabilities.storage.googleapis.com"),
  /** Requests per minute per token (per client address without a valid token); 0 turns the limit off. */
  REGSCAN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).max(1_000_000).default(600),
});

export type Config = z.infer<typeof ConfigSchema>;

/** A configuration the API cannot start with (the start exits with code 2). */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

/** Parses the environment; a bad value stops the start with a message naming the variable. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const result = ConfigSchema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("\n  ");
    throw new ConfigError(`Invalid configuration:\n  ${problems}`);
  }
  return result.data;
}
