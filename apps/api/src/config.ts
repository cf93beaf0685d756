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

/**
 * The closed list of environment variables the API reads. Read once at start; values are
 * passed down, nothing below the app reads the environment.
 */
export const ConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  HOST: z.string().min(1).default("127.0.0.1"),
  REGSCAN_DB_URL: z.string().min(1).default("file:.regscan/regscan.db"),
  REGSCAN_DB_AUTH_TOKEN: z.string().optional(),
  REGSCAN_MASTER_KEY: z.string().optional(),
  REGSCAN_PREVIOUS_MASTER_KEYS: list,
  REGSCAN_BOOTSTRAP_TOKEN: z.string().min(16, "REGSCAN_BOOTSTRAP_TOKEN must be at least 16 characters").optional(),
  REGSCAN_CORS_ORIGINS: list,
  REGSCAN_SCALEWAY_API_URL: z.string().url().default("https://api.scaleway.com"),
  REGSCAN_SCALEWAY_REGISTRY: z.string().min(1).default("rg.{region}.scw.cloud"),
  REGSCAN_SCALEWAY_TIMEOUT_SECONDS: z.coerce.number().min(0.1).max(300).default(15),
  REGSCAN_BROWSE_CACHE_TTL_SECONDS: z.coerce.number().int().min(0).max(3600).default(30),
  REGSCAN_SCAN_CONCURRENCY: z.coerce.number().int().min(0).max(64).default(2),
  REGSCAN_ORG_SCAN_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(4),
  REGSCAN_ORG_SCAN_QUEUE_LIMIT: z.coerce.number().int().min(1).max(1_000_000).default(1000),
  REGSCAN_SCAN_LEASE_SECONDS: z.coerce.number().min(1).max(3600).default(60),
  REGSCAN_SCAN_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(3),
  REGSCAN_SCAN_MAX_UNCOMPRESSED_BYTES: z.coerce
    .number()
    .int()
    .min(1024 * 1024)
    .default(4 * 1024 ** 3),
  REGSCAN_ADVISORY_REFRESH_HOURS: z.coerce
    .number()
    .min(0)
    .max(24 * 30)
    .default(0),
  REGSCAN_OSV_URL: z.string().url().default("https://osv-vulnerabilities.storage.googleapis.com"),
});

export type Config = z.infer<typeof ConfigSchema>;

/** Parses the environment; a bad value stops the start with a message naming the variable. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const result = ConfigSchema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("\n  ");
    throw new Error(`Invalid configuration:\n  ${problems}`);
  }
  return result.data;
}
