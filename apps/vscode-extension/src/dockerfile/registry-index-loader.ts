/**
 * Builds the RegistryIndex of the signed-in project: every credential's namespaces (all pages, up to
 * a limit) and the registry hosts seen in its recent scans. Cached until refreshed.
 */
import { isApiError } from "../api/api-error.js";
import type { Namespace } from "../api/api-types.js";
import type { ApiSource } from "../scans/scan-lookup.js";
import { parseReference } from "./image-reference.js";
import { RegistryIndex } from "./registry-index.js";

const MAX_NAMESPACE_PAGES = 10;

export class RegistryIndexLoader {
  private pending: Promise<RegistryIndex> | null = null;

  constructor(private readonly source: ApiSource) {}

  get(): Promise<RegistryIndex> {
    if (!this.pending) {
      this.pending = this.load();
      this.pending.catch(() => {
        this.pending = null;
      });
    }
    return this.pending;
  }

  clear(): void {
    this.pending = null;
  }

  private async load(): Promise<RegistryIndex> {
    const src = this.source();
    if (!src) return new RegistryIndex([]);
    const { api, projectId } = src;
    const [credentials, scans] = await Promise.all([
      api.credentials(projectId),
      api.listScans(projectId, { limit: 100 }),
    ]);
    const hosts = new Map<string, Set<string>>();
    for (const scan of scans.items) {
      const ref = parseReference(scan.image);
      if (!ref) continue;
      const set = hosts.get(scan.credentialId) ?? new Set<string>();
      set.add(ref.host);
      hosts.set(scan.credentialId, set);
    }
    const entries = await Promise.all(
      credentials.map(async (credential) => {
        const namespaces: Namespace[] = [];
        let cursor: string | null = null;
        try {
          for (let page = 0; page < MAX_NAMESPACE_PAGES; page++) {
            const result = await api.namespaces(projectId, credential.id, { cursor, limit: 100 });
            namespaces.push(...result.items);
            if (!result.nextCursor || result.nextCursor === cursor) break;
            cursor = result.nextCursor;
          }
        } catch (error) {
          // A credential Scaleway rejects lists nothing; its own node in the tree says why.
          if (!isApiError(error)) throw error;
        }
        return { credentialId: credential.id, namespaces, hosts: hosts.get(credential.id) ?? [] };
      }),
    );
    return RegistryIndex.build(entries);
  }
}
