import { FEATURES, type Feature } from "@regscan/core";
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
  REGSCAN_ORG_CREATION: z
    .enum(["admin", "any"], { error: "REGSCAN_ORG_CREATION must be admin or any." })
    .default("admin"),
  REGSCAN_DEFAULT_FEATURES: features,
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
