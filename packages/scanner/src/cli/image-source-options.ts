/**
 * How an image command reaches a registry: the credentials it may send there
 * (registry-credentials.ts), trusted token services, and `--timeout`. The notice of an anonymous
 * pull goes to stderr here, once per command.
 */
import { type ImageReference, parseImageReference } from "../sources/image-reference.js";
import type { OpenImageSourceOptions } from "../sources/node/open-image-source.js";
import { cliEnv, listOf } from "./cli-env.js";
import type { CliIo } from "./cli-io.js";
import { parseDuration } from "./parse-duration.js";
import { chooseRegistryCredentials, parseCreds } from "./registry-credentials.js";

export interface RegistryFlags {
  creds?: string;
  insecure?: boolean;
  timeout?: string;
}

/** The parsed reference and the registry options for it; throws `validation_failed` for bad flags. */
export async function imageSourceOptions(
  ref: string,
  flags: RegistryFlags,
  io: CliIo,
): Promise<{ ref: ImageReference; options: OpenImageSourceOptions }> {
  const env = cliEnv(io.env);
  const parsed = parseImageReference(ref);
  const insecure = flags.insecure ?? false;
  if (flags.creds !== undefined) parseCreds(flags.creds); // a malformed value fails whatever the image
  const timeoutMs = flags.timeout === undefined ? undefined : parseDuration(flags.timeout, "--timeout");
  const chosen =
    parsed.transport === "docker" ? await chooseRegistryCredentials(parsed, { creds: flags.creds, insecure }, env) : {};
  if (chosen.notice) io.stderr.write(`regscan: ${chosen.notice}\n`);
  return {
    ref: parsed,
    options: {
      ...(chosen.credentials ? { credentials: chosen.credentials } : {}),
      insecure,
      tokenRealmHosts: listOf(env.REGSCAN_TRUSTED_TOKEN_HOSTS),
      ...(timeoutMs === undefined
        ? {}
        : { timeouts: { headersMs: timeoutMs, idleMs: timeoutMs, documentMs: 2 * timeoutMs } }),
    },
  };
}
