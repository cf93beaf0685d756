/**
 * Registry host patterns of REGSCAN_REGISTRY_HOSTS: `host` covers every port of that host,
 * `host:port` one port (`host:443` also covers a reference without a port, over https). Host
 * names compare case-insensitively; Docker Hub's names (docker.io, index.docker.io,
 * registry-1.docker.io) are one registry.
 */
import { isDomainError } from "@regscan/core";
import { parseImageReference } from "../sources/image-reference.js";

export interface HostPattern {
  /** Lowercase host name, or `[ipv6]`. */
  hostname: string;
  /** Absent: every port. */
  port?: string;
}

/** `host`, `host:port` or `[ipv6]:port` as a pattern, or null when it is not one. */
export function parseHostPattern(entry: string): HostPattern | null {
  if (!/^[^/@\s]+$/.test(entry)) return null;
  let registry: string;
  try {
    const ref = parseImageReference(`docker://${entry}/x/y`);
    if (ref.transport !== "docker") return null;
    registry = ref.registry;
  } catch (e) {
    if (isDomainError(e)) return null; // not a registry host
    throw e;
  }
  const { hostname, port } = splitRegistry(registry);
  // A single-label name ("myhost") parses as a Docker Hub repository: not what was meant.
  if (hostname === "docker.io" && !/docker\.io(:\d+)?$/i.test(entry)) return null;
  return port === undefined ? { hostname } : { hostname, port };
}

/** Host name (lowercase, Docker Hub aliases as `docker.io`) and port of a reference's registry. */
export function splitRegistry(registry: string): { hostname: string; port?: string } {
  const m = /^(.*?)(?::(\d+))?$/.exec(registry.toLowerCase());
  let hostname = m?.[1] ?? registry.toLowerCase();
  if (hostname === "index.docker.io" || hostname === "registry-1.docker.io") hostname = "docker.io";
  return m?.[2] === undefined ? { hostname } : { hostname, port: m[2] };
}

/** True when `pattern` covers `registry` (as in references) reached over https, or http when `insecure`. */
export function hostMatches(pattern: HostPattern, registry: string, insecure: boolean): boolean {
  const target = splitRegistry(registry);
  if (target.hostname !== pattern.hostname) return false;
  if (pattern.port === undefined) return true;
  return (target.port ?? (insecure ? "80" : "443")) === pattern.port;
}

/** Scaleway Container Registry hosts (`rg.fr-par.scw.cloud`), on their https port. */
export function isScalewayRegistry(registry: string, insecure: boolean): boolean {
  const { hostname, port } = splitRegistry(registry);
  return !insecure && (port === undefined || port === "443") && /^rg\.[a-z]{2}-[a-z]{3}\.scw\.cloud$/.test(hostname);
}
