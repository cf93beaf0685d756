/**
 * Which files owned by an OS package matter to language catalogers. Only Python metadata
 * (`*.dist-info`, `*.egg-info` under site-/dist-packages), npm package manifests under
 * node_modules and Java archives (`*.jar`, `*.war`, `*.ear`: Debian's /usr/share/java, whose
 * security fixes are backported under the upstream version) are kept, so the owned-path set stays
 * small even for a large distribution.
 */

import { relativePath } from "./text.js";

const PYTHON_METADATA = /(?:^|\/)(?:site|dist)-packages\/[^/]+\.(?:dist-info|egg-info)(?:\/(?:METADATA|PKG-INFO))?$/;
const NODE_MANIFEST = /(?:^|\/)node_modules\/(?:@[^/]+\/)?[^/@][^/]*(?:\/package\.json)?$/;
const JAVA_ARCHIVE = /\.(?:jar|war|ear)$/i;

/**
 * Returns the relative path ("usr/lib/python3/dist-packages/yaml-6.0.dist-info") when an
 * OS-owned file path is one a language cataloger could report, else undefined.
 */
export function relevantOwnedPath(path: string): string | undefined {
  const rel = relativePath(path.trim());
  if (rel === "") return undefined;
  const clean = rel.endsWith("/") ? rel.slice(0, -1) : rel;
  return PYTHON_METADATA.test(clean) || NODE_MANIFEST.test(clean) || JAVA_ARCHIVE.test(clean) ? clean : undefined;
}

/** True when `path` (a metadata file) or one of its parent directories is in `owned`. */
export function isOwned(owned: ReadonlySet<string> | undefined, path: string): boolean {
  if (owned === undefined || owned.size === 0) return false;
  let p = relativePath(path);
  while (p !== "") {
    if (owned.has(p)) return true;
    const i = p.lastIndexOf("/");
    if (i === -1) return false;
    p = p.slice(0, i);
  }
  return false;
}
