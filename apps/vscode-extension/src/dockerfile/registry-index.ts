/**
 * Which stored credential can scan an image: the registry host and namespace of every namespace the
 * project's credentials list (`endpoint`, e.g. `rg.fr-par.scw.cloud/my-namespace`), plus the hosts
 * the API was seen to pull a credential's images from (tag `imageRef`s, scans), which differ from
 * `endpoint` when the API is configured with another registry host.
 */
import type { ImageReference } from "./image-reference.js";

export interface RegistryPlace {
  credentialId: string;
  host: string;
  namespace: string;
}

export type Location =
  | { found: true; credentialId: string; namespace: string; image: string }
  | { found: false; reason: string };

/** `rg.fr-par.scw.cloud/my-namespace` → host and namespace; null if it is not that shape. */
export function parseEndpoint(endpoint: string): { host: string; namespace: string } | null {
  const m = /^(?:https?:\/\/)?([^/\s]+)\/([^/\s]+)\/?$/.exec(endpoint.trim());
  return m ? { host: (m[1] as string).toLowerCase(), namespace: m[2] as string } : null;
}

export class RegistryIndex {
  private readonly places: RegistryPlace[];

  constructor(places: RegistryPlace[]) {
    const seen = new Set<string>();
    // Stable: the first credential listed for a namespace wins.
    this.places = places.filter((p) => {
      const key = `${p.host}/${p.namespace}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  }

  /**
   * From each credential's namespaces (name + endpoint) and the extra hosts its images were seen
   * on. Every namespace of a credential is reachable at every host known for it.
   */
  static build(
    credentials: { credentialId: string; namespaces: { name: string; endpoint: string }[]; hosts: Iterable<string> }[],
  ): RegistryIndex {
    const places: RegistryPlace[] = [];
    for (const c of credentials) {
      const hosts = new Set([...c.hosts].map((h) => h.toLowerCase()));
      for (const ns of c.namespaces) {
        const parsed = parseEndpoint(ns.endpoint);
        if (parsed) hosts.add(parsed.host);
      }
      for (const host of hosts) {
        for (const ns of c.namespaces) places.push({ credentialId: c.credentialId, host, namespace: ns.name });
      }
    }
    return new RegistryIndex(places);
  }

  get size(): number {
    return this.places.length;
  }

  hosts(): string[] {
    return [...new Set(this.places.map((p) => p.host))];
  }

  locate(ref: ImageReference): Location {
    const [namespace, ...rest] = ref.path.split("/");
    const place = this.places.find((p) => p.host === ref.host && p.namespace === namespace);
    if (place && rest.length > 0) {
      return { found: true, credentialId: place.credentialId, namespace: place.namespace, image: rest.join("/") };
    }
    if (this.places.length === 0) {
      return { found: false, reason: "No regscan credential of this project lists a registry namespace yet." };
    }
    if (this.places.some((p) => p.host === ref.host)) {
      return {
        found: false,
        reason: `No regscan credential lists the namespace "${namespace}" on ${ref.host}.`,
      };
    }
    return {
      found: false,
      reason: `${ref.host} is not a registry of your regscan credentials (regscan scans ${this.hosts().join(", ")}).`,
    };
  }
}
