/**
 * Image references as docker reads them: `[HOST[:PORT]/]PATH[:TAG][@DIGEST]`, where the first
 * component is a host only when it has a `.` or `:` or is `localhost` (else Docker Hub).
 */

export interface ImageReference {
  /** `rg.fr-par.scw.cloud`, `127.0.0.1:5000`, `docker.io`. */
  host: string;
  /** The path after the host: `my-namespace/api`, `library/alpine`. */
  path: string;
  tag: string | null;
  digest: string | null;
}

const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^sha256:[a-f0-9]{64}$/;
const HOST = /^[a-zA-Z0-9.-]+(?::\d{1,5})?$|^\[[0-9a-fA-F:]+\](?::\d{1,5})?$/;

/** Parses a reference; null when it is not one docker would accept (the reason is not needed). */
export function parseReference(input: string): ImageReference | null {
  const text = input.trim();
  if (text === "" || text.length > 600 || /\s/.test(text)) return null;
  let rest = text;
  let digest: string | null = null;
  const at = rest.indexOf("@");
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) return null;
  }
  let tag: string | null = null;
  const colon = rest.lastIndexOf(":");
  if (colon > rest.lastIndexOf("/")) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) return null;
  }
  const parts = rest.split("/");
  let host = "docker.io";
  const first = parts[0] ?? "";
  if (parts.length > 1 && (first.includes(".") || first.includes(":") || first === "localhost")) {
    if (!HOST.test(first)) return null;
    host = first.toLowerCase();
    parts.shift();
  }
  if (parts.length === 0 || !parts.every((p) => COMPONENT.test(p))) return null;
  if (host === "docker.io" && parts.length === 1) parts.unshift("library");
  return { host, path: parts.join("/"), tag, digest };
}

/** `host/path[:tag][@digest]`. */
export function formatReference(ref: ImageReference): string {
  return `${ref.host}/${ref.path}${ref.tag ? `:${ref.tag}` : ""}${ref.digest ? `@${ref.digest}` : ""}`;
}

/** What regscan scans for this reference: the digest when pinned (a tag beside it is informational), else the tag or `latest`. */
export function scanReference(ref: ImageReference): string {
  const repo = repositoryOf(ref);
  return ref.digest ? `${repo}@${ref.digest}` : `${repo}:${ref.tag ?? "latest"}`;
}

/** `host/path`, without tag or digest. */
export function repositoryOf(ref: ImageReference): string {
  return `${ref.host}/${ref.path}`;
}

/** The tag of a scan's image reference (`host/ns/img:1.2` → `1.2`), null for a digest reference. */
export function tagOf(reference: string): string | null {
  const ref = parseReference(reference);
  return ref && !ref.digest ? (ref.tag ?? "latest") : null;
}
