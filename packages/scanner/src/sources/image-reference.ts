/**
 * Image references in the syntax of skopeo / containers-image:
 * `docker://HOST/REPO:TAG`, `docker://HOST/REPO@sha256:…`, plain `HOST/REPO:TAG` (= docker://),
 * `oci:DIR[:TAG]` and `docker-archive:FILE[:NAME:TAG | :@INDEX]`.
 * Docker Hub short names are normalised as docker does: `alpine` → `docker.io/library/alpine:latest`.
 */
import { DomainError } from "@regscan/core";

export interface RegistryReference {
  transport: "docker";
  /** Registry as named in references: `docker.io`, `rg.fr-par.scw.cloud`, `127.0.0.1:5000`. */
  registry: string;
  /** `library/alpine`, `ns/image`. */
  repository: string;
  /** Absent only when a digest is given. */
  tag?: string;
  /** `sha256:<64 hex>`; wins over the tag when both are given. */
  digest?: string;
}

export interface OciLayoutReference {
  transport: "oci";
  path: string;
  /** `org.opencontainers.image.ref.name` in index.json; absent = the layout's only image. */
  tag?: string;
}

export interface DockerArchiveReference {
  transport: "docker-archive";
  path: string;
  /** `name:tag` among the archive's RepoTags, or `@N` (N-th image); absent = the only image. */
  image?: string;
}

export type ImageReference = RegistryReference | OciLayoutReference | DockerArchiveReference;

export const DOCKER_HUB = "docker.io";
/** The host that serves Docker Hub's registry API. */
export const DOCKER_HUB_API_HOST = "registry-1.docker.io";

const DOMAIN_COMPONENT = /^(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])$/;
const IPV6 = /^\[[0-9a-fA-F:.]+\]$/;
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const SHA256_DIGEST = /^sha256:[a-f0-9]{64}$/;
const OTHER_TRANSPORTS = ["oci-archive", "dir", "containers-storage", "docker-daemon", "sif", "tarball", "ostree"];

/** Longest reference accepted (an OCI layout or archive path may be long; a registry name is ≤ 255). */
const MAX_REFERENCE_LENGTH = 4096;

function invalid(input: string, why: string): DomainError {
  return new DomainError("validation_failed", `Invalid image reference "${clip(input)}": ${why}.`, {
    field: "ref",
    reason: why,
  });
}

function clip(s: string): string {
  const shown = redactUserinfo(s);
  return shown.length > 200 ? `${shown.slice(0, 200)}…` : shown;
}

/**
 * `s` with any `user:password@` (or `scheme://user@`) replaced by `***@`, so a reference or URL
 * that carries credentials can be echoed in a message. `name:tag@sha256:…` is left alone.
 */
export function redactUserinfo(s: string): string {
  return s
    .replace(/(\/\/)[^/\s]*@/g, "$1***@")
    .replace(/(^|[\s"'=(])[^/@\s"'=(:]*:[^/\s"']*@(?!sha256:|sha384:|sha512:)/g, "$1***@");
}

/**
 * Checks the registry part of a reference (`host`, `host:port`, `[ipv6]:port`): DNS labels of at
 * most 63 characters and 253 in all, a port from 1 to 65535, an IPv6 address in brackets, and a
 * host that a URL keeps as written (so `127.1` or `0x7f.0.0.1` are refused, not rewritten).
 */
function checkRegistryHost(registry: string, input: string): void {
  const bad = (why: string) => invalid(input, `"${clip(registry)}" is not a valid registry host: ${why}`);
  if (registry.length > 255) throw bad("it is longer than 255 characters");
  const port = /:([^:\]]*)$/.exec(registry);
  const host = port ? registry.slice(0, port.index) : registry;
  if (port) {
    const digits = port[1] ?? "";
    if (!/^[0-9]{1,5}$/.test(digits)) throw bad(`the port "${clip(digits)}" is not a number`);
    if (digits.length > 1 && digits.startsWith("0")) throw bad(`the port ${digits} has a leading zero`);
    const n = Number(digits);
    if (n < 1 || n > 65535) throw bad(`the port ${digits} is out of range (1-65535)`);
  }
  if (host.startsWith("[")) {
    if (!IPV6.test(host) || !host.includes(":")) throw bad("an IPv6 address is written as [hex:hex::hex]");
  } else {
    if (host.length > 253) throw bad("the host name is longer than 253 characters");
    const labels = host.split(".");
    for (const label of labels) {
      if (label.length > 63) throw bad("a host name label is longer than 63 characters");
      if (!DOMAIN_COMPONENT.test(label)) throw bad("use letters, digits, '-' and '.' (host[:port])");
    }
  }
  let parsed: URL;
  try {
    parsed = new URL(`https://${registry}/`);
  } catch {
    throw bad(host.startsWith("[") ? "not an IPv6 address" : "not a host name or IPv4 address");
  }
  if (!host.startsWith("[") && parsed.hostname !== host.toLowerCase()) {
    throw bad(`write the address in full (it means ${parsed.hostname})`);
  }
}

/**
 * Parses an image reference. Throws DomainError `validation_failed` (and nothing else) with a
 * message saying what is wrong.
 */
export function parseImageReference(input: string): ImageReference {
  if (typeof input !== "string" || input.trim() === "") throw invalid(String(input), "it is empty");
  if (input.length > MAX_REFERENCE_LENGTH) {
    throw invalid(input, `it is longer than ${MAX_REFERENCE_LENGTH} characters`);
  }
  const s = input.trim();
  if (s.startsWith("docker://")) return parseRegistryReference(s.slice("docker://".length), s);
  if (s.startsWith("oci:")) {
    const { path, rest } = splitPath(s.slice(4), s);
    if (rest !== undefined && !/^[A-Za-z0-9][A-Za-z0-9._:@/+-]*$/.test(rest)) {
      throw invalid(s, `"${clip(rest)}" is not a valid OCI layout tag`);
    }
    return rest === undefined ? { transport: "oci", path } : { transport: "oci", path, tag: rest };
  }
  if (s.startsWith("docker-archive:")) {
    const { path, rest } = splitPath(s.slice("docker-archive:".length), s);
    if (rest === undefined) return { transport: "docker-archive", path };
    if (!/^@\d+$/.test(rest)) {
      const named = parseRegistryReference(rest, s);
      if (named.digest) throw invalid(s, "a docker-archive image is chosen by name:tag or @index, not by digest");
    }
    return { transport: "docker-archive", path, image: rest };
  }
  const transport = /^([a-z][a-z0-9-]*):/.exec(s)?.[1];
  if (transport === "docker") throw invalid(s, 'write "docker://HOST/REPO:TAG" (two slashes after docker:)');
  if (transport && OTHER_TRANSPORTS.includes(transport)) {
    throw invalid(s, `transport "${transport}:" is not supported (use docker://, oci: or docker-archive:)`);
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(s)) {
    throw invalid(s, "URL schemes are not references; write HOST/REPO:TAG (use --insecure for plain http)");
  }
  return parseRegistryReference(s, s);
}

// containers-image splits `oci:` and `docker-archive:` at the first ":" after the path.
function splitPath(body: string, input: string): { path: string; rest?: string } {
  const colon = body.indexOf(":");
  const path = colon < 0 ? body : body.slice(0, colon);
  if (path === "") throw invalid(input, "the path is empty");
  if (colon < 0) return { path };
  const rest = body.slice(colon + 1);
  return rest === "" ? { path } : { path, rest };
}

function parseRegistryReference(body: string, input: string): RegistryReference {
  if (body === "") throw invalid(input, "the image name is empty");
  if (/\s/.test(body)) throw invalid(input, "it contains whitespace");
  let name = body;
  let digest: string | undefined;
  const at = name.indexOf("@");
  if (at >= 0) {
    digest = name.slice(at + 1);
    name = name.slice(0, at);
    if (digest.includes("/") || digest.includes("@")) {
      throw invalid(input, "a reference has no user:password@ part (give credentials with --creds)");
    }
    if (!SHA256_DIGEST.test(digest)) {
      throw invalid(input, `"${clip(digest)}" is not a sha256 digest (sha256: followed by 64 lowercase hex digits)`);
    }
  }
  let tag: string | undefined;
  const colon = name.lastIndexOf(":");
  if (colon > name.lastIndexOf("/")) {
    tag = name.slice(colon + 1);
    name = name.slice(0, colon);
    if (!TAG.test(tag)) throw invalid(input, `"${clip(tag)}" is not a valid tag`);
  }
  const slash = name.indexOf("/");
  const first = slash < 0 ? "" : name.slice(0, slash);
  const isDomain =
    slash >= 0 && (first.includes(".") || first.includes(":") || first === "localhost" || /[A-Z]/.test(first));
  let registry = isDomain ? first : DOCKER_HUB;
  let repository = isDomain ? name.slice(slash + 1) : name;
  checkRegistryHost(registry, input);
  if (registry === "index.docker.io" || registry === DOCKER_HUB_API_HOST) registry = DOCKER_HUB;
  if (registry === DOCKER_HUB && !repository.includes("/")) repository = `library/${repository}`;
  if (repository === "") throw invalid(input, "the repository name is empty");
  for (const component of repository.split("/")) {
    if (!PATH_COMPONENT.test(component)) {
      throw invalid(
        input,
        `"${clip(repository)}" is not a valid repository (lowercase letters, digits, ".", "_", "-", "/")`,
      );
    }
  }
  if (registry.length + 1 + repository.length > 255) throw invalid(input, "the name is longer than 255 characters");
  const ref: RegistryReference = { transport: "docker", registry, repository };
  if (tag !== undefined || digest === undefined) ref.tag = tag ?? "latest";
  if (digest !== undefined) ref.digest = digest;
  return ref;
}

/**
 * The normalised text of a reference: `docker.io/library/alpine:latest`,
 * `HOST/REPO@sha256:…`, `oci:DIR:TAG`, `docker-archive:FILE`.
 */
export function formatImageReference(ref: ImageReference): string {
  switch (ref.transport) {
    case "docker":
      return `${ref.registry}/${ref.repository}${ref.tag ? `:${ref.tag}` : ""}${ref.digest ? `@${ref.digest}` : ""}`;
    case "oci":
      return `oci:${ref.path}${ref.tag ? `:${ref.tag}` : ""}`;
    case "docker-archive":
      return `docker-archive:${ref.path}${ref.image ? `:${ref.image}` : ""}`;
  }
}

/** The host (and port) that serves a registry's API: Docker Hub's is registry-1.docker.io. */
export function registryApiHost(registry: string): string {
  return registry === DOCKER_HUB ? DOCKER_HUB_API_HOST : registry;
}
