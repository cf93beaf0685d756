/**
 * Tar entry names → the walk's relative paths, and OCI whiteout markers.
 * See the OCI image spec, "Representing Changes" (whiteouts and opaque whiteouts).
 */

const WHITEOUT_PREFIX = ".wh.";
const OPAQUE_MARKER = ".wh..wh..opq";

/** "./etc//os-release", "/etc/os-release/" → "etc/os-release"; "." and "/" → "". */
export function normalizeTarPath(name: string): string {
  const parts: string[] = [];
  for (const part of name.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") parts.pop();
    else parts.push(part);
  }
  return parts.join("/");
}

export type EntryKind =
  | { kind: "path"; path: string }
  | { kind: "whiteout"; path: string }
  | { kind: "opaque"; dir: string };

/** Classifies a normalised path: a regular path, a whiteout of `path`, or an opaque marker of `dir`. */
export function classifyPath(path: string): EntryKind {
  const slash = path.lastIndexOf("/");
  const base = path.slice(slash + 1);
  const dir = slash === -1 ? "" : path.slice(0, slash);
  if (base === OPAQUE_MARKER) return { kind: "opaque", dir };
  // Other ".wh..wh." names are AUFS bookkeeping (hard-link dirs), not deletions.
  if (base.startsWith(`${WHITEOUT_PREFIX}${WHITEOUT_PREFIX}`)) return { kind: "path", path };
  if (base.startsWith(WHITEOUT_PREFIX) && base.length > WHITEOUT_PREFIX.length) {
    const name = base.slice(WHITEOUT_PREFIX.length);
    return { kind: "whiteout", path: dir === "" ? name : `${dir}/${name}` };
  }
  return { kind: "path", path };
}

/** Resolves a symlink target relative to the link's own directory, within the image root. */
export function resolveLinkTarget(linkPath: string, target: string): string {
  if (target.startsWith("/")) return normalizeTarPath(target);
  const slash = linkPath.lastIndexOf("/");
  const dir = slash === -1 ? "" : linkPath.slice(0, slash);
  return normalizeTarPath(dir === "" ? target : `${dir}/${target}`);
}
