/**
 * The closed list of environment variables the regscan CLI reads, in one table. Commands read
 * `cliEnv(io.env)`, never `io.env` itself. Values are checked when the command runs; a bad one
 * is `validation_failed` naming the variable (never echoing the value of a secret). An empty
 * value counts as unset, except for the password.
 */
import { DomainError } from "@regscan/core";
import { redactUserinfo } from "../sources/image-reference.js";
import { parseHostPattern } from "./host-pattern.js";

/** Reads one variable: its value as the CLI sees it, or a problem (why, never the value of a secret). */
type Reader = (value: string | undefined, problem: (message: string) => void) => string | undefined;

/** Text, where an empty value counts as unset. */
const text: Reader = (value) => (value === "" ? undefined : value);

/** The value as set, empty included (an empty password is a password). */
const raw: Reader = (value) => value;

/** A comma-separated list whose entries must each pass `check` (which returns why not, or null). */
const list =
  (check: (entry: string) => string | null): Reader =>
  (value, problem) => {
    for (const entry of (value ?? "").split(",")) {
      const why = entry.trim() === "" ? null : check(entry.trim());
      if (why) problem(`"${redactUserinfo(entry.trim()).slice(0, 100)}" ${why}`);
    }
    return text(value, problem);
  };

const trustedTokenHost = (entry: string): string | null => {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(entry)) {
    try {
      const url = new URL(entry);
      return url.pathname === "/" && !url.search && !url.username ? null : "is not an origin (scheme://host[:port])";
    } catch {
      return "is not an origin (scheme://host[:port])";
    }
  }
  return parseHostPattern(entry) ? null : "is not host, host:port or scheme://host[:port]";
};

/**
 * Every variable the CLI reads, and how. Plain checks rather than a schema library: zod would be
 * the only reason `regscan sbom` loads it, ~6 MiB of resident memory for a dozen strings.
 */
const VARIABLES = {
  /** Registry credentials, sent only to Scaleway registries and REGSCAN_REGISTRY_HOSTS. */
  REGSCAN_REGISTRY_USERNAME: text,
  REGSCAN_REGISTRY_PASSWORD: raw,
  /** Comma-separated `host` (every port) or `host:port` that also get the credentials above. */
  REGSCAN_REGISTRY_HOSTS: list((entry) => (parseHostPattern(entry) ? null : "is not host or host:port")),
  /** Token services on another origin than their registry that may receive its credentials. */
  REGSCAN_TRUSTED_TOKEN_HOSTS: list(trustedTokenHost),
  /** Docker's configuration folder (config.json), default ~/.docker. */
  DOCKER_CONFIG: text,
  /** containers-auth.json file that replaces the default auth files (podman, skopeo). */
  REGISTRY_AUTH_FILE: text,
  XDG_RUNTIME_DIR: text,
  XDG_CONFIG_HOME: text,
  XDG_CACHE_HOME: text,
  HOME: text,
  /** Layer cache and default advisory database folder. */
  REGSCAN_CACHE_DIR: text,
  /** Size bound of the layer cache (`2GiB`, `500MB`, bytes). */
  REGSCAN_CACHE_MAX_SIZE: text,
  REGSCAN_DB_URL: text,
  REGSCAN_DB_AUTH_TOKEN: text,
  REGSCAN_OSV_URL: text,
  NO_COLOR: text,
} satisfies Record<string, Reader>;

export type CliEnv = { readonly [Name in keyof typeof VARIABLES]?: string };

const parsed = new WeakMap<object, CliEnv>();

/** The CLI's environment, checked once per environment object. */
export function cliEnv(env: Record<string, string | undefined>): CliEnv {
  const known = parsed.get(env);
  if (known) return known;
  const result: Record<string, string> = {};
  const problems: string[] = [];
  for (const [name, read] of Object.entries(VARIABLES)) {
    const value = read(env[name], (message) => problems.push(`${name}: ${message}`));
    if (value !== undefined) result[name] = value;
  }
  if (problems.length > 0) {
    throw new DomainError("validation_failed", `Invalid environment: ${problems.join("; ")}.`, { field: "env" });
  }
  parsed.set(env, result);
  return result;
}

/** The entries of a comma-separated variable. */
export function listOf(value: string | undefined): string[] {
  return (value ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}
