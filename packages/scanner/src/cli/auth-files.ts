/**
 * Registry credentials stored the way container tools store them: containers-auth.json (podman,
 * skopeo, buildah) and Docker's config.json, searched in the order containers/image uses:
 *
 * 1. `REGISTRY_AUTH_FILE` when set, and then only that file (as `--authfile` in podman/skopeo);
 * 2. otherwise `${XDG_RUNTIME_DIR}/containers/auth.json` (without XDG_RUNTIME_DIR:
 *    `/run/containers/<uid>/auth.json`), then `${XDG_CONFIG_HOME:-~/.config}/containers/auth.json`,
 *    then `$DOCKER_CONFIG/config.json` (default `~/.docker/config.json`).
 *
 * The first file with an entry for the image wins. Within a file, keys are tried from the most
 * specific (`host/namespace/repo`, then each parent namespace, then `host`), then keys written as
 * URLs (`https://index.docker.io/v1/`, `http://host/`). Credential helpers (`credHelpers`,
 * `credsStore`) and identity tokens are not run: they are reported. The files are untrusted
 * input: at most 1 MiB, regular files only, and a malformed one is `validation_failed` naming it.
 */
import { constants } from "node:fs";
import { open } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
import { DomainError } from "@regscan/core";
import type { RegistryReference } from "../sources/image-reference.js";
import type { RegistryCredentials } from "../sources/registry-auth.js";
import type { CliEnv } from "./cli-env.js";
import { splitRegistry } from "./host-pattern.js";

/** Largest auth file read. */
export const MAX_AUTH_FILE_BYTES = 1024 * 1024;

/** An `auths` entry; other fields (email, …) are ignored. */
interface AuthEntry {
  auth?: string;
  username?: string;
  password?: string;
  identitytoken?: string;
}
interface AuthFile {
  auths?: Record<string, AuthEntry>;
  credHelpers?: Record<string, string>;
  credsStore?: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const ENTRY_FIELDS = ["auth", "username", "password", "identitytoken"] as const;

/** A key of an untrusted file, safe to print in a field path. */
const keyText = (key: string) => key.replace(/[^\w.@:/+-]/g, "?").slice(0, 100);

/** Where `json` is not an auth file (the first such field), or undefined when it is one. */
function authFileProblem(json: unknown): string | undefined {
  if (!isRecord(json)) return "the top level";
  const { auths, credHelpers, credsStore } = json;
  if (auths !== undefined) {
    if (!isRecord(auths)) return "auths";
    for (const [key, entry] of Object.entries(auths)) {
      if (!isRecord(entry)) return `auths.${keyText(key)}`;
      for (const field of ENTRY_FIELDS)
        if (entry[field] !== undefined && typeof entry[field] !== "string") return `auths.${keyText(key)}.${field}`;
    }
  }
  if (credHelpers !== undefined) {
    if (!isRecord(credHelpers)) return "credHelpers";
    for (const [key, helper] of Object.entries(credHelpers))
      if (typeof helper !== "string") return `credHelpers.${keyText(key)}`;
  }
  if (credsStore !== undefined && typeof credsStore !== "string") return "credsStore";
  return undefined;
}

/** What the files say about one image: credentials, or why none could be used. */
export type AuthFileLookup =
  | { found: true; credentials: RegistryCredentials; file: string }
  | { found: false; notes: string[] };

/** The auth files to search, in order. */
export function authFilePaths(env: CliEnv, uid = process.getuid?.()): string[] {
  if (env.REGISTRY_AUTH_FILE) return [env.REGISTRY_AUTH_FILE];
  const home = env.HOME ?? homedir();
  const runtime = env.XDG_RUNTIME_DIR
    ? join(env.XDG_RUNTIME_DIR, "containers", "auth.json")
    : uid === undefined
      ? undefined
      : `/run/containers/${uid}/auth.json`;
  return [
    ...(runtime ? [runtime] : []),
    join(env.XDG_CONFIG_HOME ?? join(home, ".config"), "containers", "auth.json"),
    join(env.DOCKER_CONFIG ?? join(home, ".docker"), "config.json"),
  ];
}

/** Credentials for `ref` from the first file in `paths` that has an entry for it. */
export async function lookUpAuthFiles(ref: RegistryReference, paths: readonly string[]): Promise<AuthFileLookup> {
  const notes: string[] = [];
  for (const path of paths) {
    const file = await readAuthFile(path);
    if (!file) continue;
    const registryKey = registryKeyOf(file, ref);
    const helper = registryKey === undefined ? undefined : file.credHelpers?.[registryKey];
    if (helper !== undefined) {
      notes.push(
        `${path} names a credential helper (docker-credential-${printable(helper)}) for ${ref.registry}, which regscan does not run; use --creds`,
      );
      continue;
    }
    const key = entryKeyOf(file, ref);
    const entry = key === undefined ? undefined : file.auths?.[key];
    const credentials = entry && key !== undefined ? decodeEntry(entry, path, key) : undefined;
    if (credentials) return { found: true, credentials, file: path };
    if (entry?.identitytoken) {
      notes.push(`${path} holds an identity token for ${ref.registry}, which regscan does not use; use --creds`);
    } else if (file.credsStore) {
      notes.push(
        `${path} keeps credentials in a credential helper (docker-credential-${printable(file.credsStore)}), which regscan does not run; use --creds`,
      );
    }
  }
  return { found: false, notes };
}

/** A helper name from an untrusted file, safe to print. */
function printable(name: string): string {
  return name.replace(/[^\w.@+-]/g, "?").slice(0, 60);
}

async function readAuthFile(path: string): Promise<AuthFile | undefined> {
  const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK).catch((e: NodeJS.ErrnoException) => {
    if (e.code === "ENOENT" || e.code === "ENOTDIR") return undefined; // no such file: nothing stored there
    throw new DomainError("validation_failed", `Cannot read ${path}: ${e.code ?? e.message}.`, { file: path });
  });
  if (!handle) return undefined;
  let bytes: Uint8Array;
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw new DomainError("validation_failed", `${path} is not a regular file.`, { file: path });
    if (stat.size > MAX_AUTH_FILE_BYTES) {
      throw new DomainError("validation_failed", `${path} is larger than ${MAX_AUTH_FILE_BYTES} bytes.`, {
        file: path,
      });
    }
    bytes = new Uint8Array(MAX_AUTH_FILE_BYTES + 1);
    const { bytesRead } = await handle.read(bytes, 0, bytes.length, 0);
    if (bytesRead > MAX_AUTH_FILE_BYTES) {
      throw new DomainError("validation_failed", `${path} is larger than ${MAX_AUTH_FILE_BYTES} bytes.`, {
        file: path,
      });
    }
    bytes = bytes.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch (e) {
    const why = e instanceof SyntaxError ? e.message : "not UTF-8";
    throw new DomainError("validation_failed", `${path} is not valid JSON (${why}); fix it, or use --creds.`, {
      file: path,
    });
  }
  // Checked by hand, not with zod: the CLI would load it for these few fields alone (cli-env.ts).
  const problem = authFileProblem(json);
  if (problem !== undefined) {
    throw new DomainError(
      "validation_failed",
      `${path} is not a registry auth file (at ${problem}); fix it, or use --creds.`,
      {
        file: path,
      },
    );
  }
  return json as AuthFile;
}

/** A key written as a URL (`https://index.docker.io/v1/`) or an alias, as a host: docker.io for Docker Hub. */
function normalizedKey(key: string): string {
  const stripped = key.replace(/^https?:\/\//, "");
  const host = stripped === key ? stripped : (stripped.split("/")[0] ?? "");
  const { hostname, port } = splitRegistry(host);
  return port === undefined ? hostname : `${hostname}:${port}`;
}

function registryName(ref: RegistryReference): string {
  const { hostname, port } = splitRegistry(ref.registry);
  return port === undefined ? hostname : `${hostname}:${port}`;
}

/** The `credHelpers` key for the image's registry: exact, else one written as a URL. */
function registryKeyOf(file: AuthFile, ref: RegistryReference): string | undefined {
  const helpers = file.credHelpers ?? {};
  if (Object.hasOwn(helpers, ref.registry)) return ref.registry;
  return Object.keys(helpers).find((k) => normalizedKey(k) === registryName(ref));
}

/** The `auths` key for the image: `host/ns/repo`, each parent, `host`; then keys written as URLs. */
function entryKeyOf(file: AuthFile, ref: RegistryReference): string | undefined {
  const auths = file.auths ?? {};
  let key = `${ref.registry}/${ref.repository}`;
  for (;;) {
    if (Object.hasOwn(auths, key)) return key;
    const slash = key.lastIndexOf("/");
    if (slash < 0) break;
    key = key.slice(0, slash);
  }
  // Then keys naming the registry another way: written as URLs, or a Docker Hub alias.
  return Object.keys(auths).find((k) => {
    if (!/^https?:\/\//.test(k) && k.includes("/")) return false; // namespace keys match exactly only
    return normalizedKey(k) === registryName(ref);
  });
}

/** Username and password of an entry (`auth` = base64 of user:password wins over the fields). */
function decodeEntry(entry: AuthEntry, path: string, key: string): RegistryCredentials | undefined {
  const bad = (why: string) =>
    new DomainError(
      "validation_failed",
      `The entry "${key.slice(0, 100)}" in ${path} ${why}; fix it, or use --creds.`,
      {
        file: path,
      },
    );
  if (entry.auth) {
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(entry.auth)) throw bad("has an auth value that is not base64");
    let decoded: string;
    try {
      decoded = new TextDecoder("utf-8", { fatal: true }).decode(
        Uint8Array.from(atob(entry.auth), (c) => c.charCodeAt(0)),
      );
    } catch {
      throw bad("has an auth value that is not base64 of UTF-8 text");
    }
    const colon = decoded.indexOf(":");
    if (colon <= 0) throw bad("has an auth value that is not base64 of user:password");
    return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1).replace(/\0+$/, "") };
  }
  if (entry.username && entry.password !== undefined) return { username: entry.username, password: entry.password };
  return undefined; // {} marks a credential helper's entry; a lone username is unusable
}
