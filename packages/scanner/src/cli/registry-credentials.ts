/**
 * Which credentials the CLI sends to an image's registry, and only there:
 *
 * 1. `--creds user:password`: the explicit choice, for the registry the reference names;
 * 2. `REGSCAN_REGISTRY_USERNAME` / `REGSCAN_REGISTRY_PASSWORD`, bound to hosts: Scaleway
 *    registries (`rg.<region>.scw.cloud` over https) by default, others only when listed in
 *    `REGSCAN_REGISTRY_HOSTS`, so a CI job holding a Scaleway key does not hand it to Docker Hub;
 * 3. the container tools' auth files (auth-files.ts: auth.json, Docker's config.json);
 * 4. otherwise none: the pull is anonymous, with a notice saying why when credentials were at
 *    hand but not used (never the secret itself).
 */
import { DomainError } from "@regscan/core";
import type { RegistryReference } from "../sources/image-reference.js";
import type { RegistryCredentials } from "../sources/registry-auth.js";
import { authFilePaths, lookUpAuthFiles } from "./auth-files.js";
import { type CliEnv, listOf } from "./cli-env.js";
import { type HostPattern, hostMatches, isScalewayRegistry, parseHostPattern } from "./host-pattern.js";

export interface CredentialChoice {
  credentials?: RegistryCredentials;
  /** Where they come from, for messages: "--creds", "REGSCAN_REGISTRY_USERNAME/PASSWORD", a file. */
  from?: string;
  /** One line for stderr when the pull is anonymous although credentials were at hand. */
  notice?: string;
}

/** `--creds user:password` (the password may contain ":"); the value is never echoed. */
export function parseCreds(creds: string): RegistryCredentials {
  const colon = creds.indexOf(":");
  if (colon <= 0) {
    throw new DomainError("validation_failed", "--creds must be user:password (the password may contain ':').");
  }
  return { username: creds.slice(0, colon), password: creds.slice(colon + 1) };
}

/** True when the environment's credentials may go to `registry` (see the file comment). */
export function envCredentialsMayGoTo(registry: string, insecure: boolean, env: CliEnv): boolean {
  const listed = listOf(env.REGSCAN_REGISTRY_HOSTS)
    .map(parseHostPattern)
    .filter((p): p is HostPattern => p !== null);
  return isScalewayRegistry(registry, insecure) || listed.some((p) => hostMatches(p, registry, insecure));
}

export async function chooseRegistryCredentials(
  ref: RegistryReference,
  o: { creds?: string; insecure: boolean },
  env: CliEnv,
  paths: readonly string[] = authFilePaths(env),
): Promise<CredentialChoice> {
  if (o.creds !== undefined) return { credentials: parseCreds(o.creds), from: "--creds" };
  const reasons: string[] = [];
  const username = env.REGSCAN_REGISTRY_USERNAME;
  const password = env.REGSCAN_REGISTRY_PASSWORD;
  if (username && password !== undefined) {
    if (envCredentialsMayGoTo(ref.registry, o.insecure, env)) {
      return { credentials: { username, password }, from: "REGSCAN_REGISTRY_USERNAME/PASSWORD" };
    }
    reasons.push(
      `REGSCAN_REGISTRY_USERNAME/PASSWORD are sent only to Scaleway registries (rg.<region>.scw.cloud, over https) and to hosts listed in REGSCAN_REGISTRY_HOSTS, not to ${ref.registry}`,
    );
  } else if (username || password !== undefined) {
    reasons.push(
      username ? "REGSCAN_REGISTRY_PASSWORD is not set" : "REGSCAN_REGISTRY_PASSWORD is set without a username",
    );
  }
  const files = await lookUpAuthFiles(ref, paths);
  if (files.found) return { credentials: files.credentials, from: files.file };
  reasons.push(...files.notes);
  return reasons.length === 0 ? {} : { notice: `pulling from ${ref.registry} anonymously: ${reasons.join("; ")}.` };
}
