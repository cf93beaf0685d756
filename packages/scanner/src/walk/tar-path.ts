/**
 * Tar entry names → the walk's relative paths, and OCI whiteout markers.
 * See the OCI image spec, "Representing Changes" (whiteouts and opaque whiteouts).
 */

const WHITEOUT_PREFIX = ".wh.";
const OPAQUE_MARKER = ".wh..wh..opq";

/** "./etc//os-release", "/etc/os-release/" → "etc/os-release"; "." and "/" → "". */
export function normalizeTarPath(name: string): string {
  // Fast path (nearly every entry): "usr/bin/x", "./usr/bin/x", "/usr/lib/": only leading "./"
  // or "/" and one trailing "/" to drop, no empty, "." or ".." segment inside.
  let start = 0;
  let end = name.length;
  while (start < end) {
    const c = name.charCodeAt(start);
    if (c === 0x2f) start++;
    else if (c === 0x2e && (start + 1 === end || name.charCodeAt(start + 1) === 0x2f)) start += 2;
    else break;
  }
  if (end > start && name.charCodeAt(end - 1) === 0x2f) end--;
  if (start >= end) return "";
  if (isPlainSegments(name, start, end)) return start === 0 && end === name.length ? name : name.slice(start, end);
  const parts: string[] = [];
  for (const part of name.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") parts.pop();
    else parts.push(part);
  }
  return parts.join("/");
}

/** Whether `name[start, end)` is segments that are neither empty, "." nor "..". */
function isPlainSegments(name: string, start: number, end: number): boolean {
  let segment = start;
  for (let i = start; i <= end; i++) {
    if (i < end && name.charCodeAt(i) !== 0x2f) continue;
    const length = i - segment;
    if (length === 0) return false;
    if (name.charCodeAt(segment) === 0x2e && (length === 1 || (length === 2 && name.charCodeAt(segment + 1) === 0x2e)))
      return false;
    segment = i + 1;
  }
  return true;
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
