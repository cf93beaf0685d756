/** Reads the packages recorded in an npm `package-lock.json` (lockfile versions 1, 2 and 3). */

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** Name and version of every package a lockfile records, excluding the root and links. */
export function lockfilePackages(lock: unknown): Array<{ name: string; version: string }> {
  if (!isObject(lock)) throw new Error("lockfile is not a JSON object");
  const out: Array<{ name: string; version: string }> = [];
  if (isObject(lock.packages)) {
    // v2 / v3: flat map keyed by install path ("node_modules/a/node_modules/@s/b").
    for (const [key, entry] of Object.entries(lock.packages)) {
      if (key === "" || !isObject(entry) || entry.link === true) continue;
      const at = key.lastIndexOf("node_modules/");
      if (at === -1) continue; // a workspace folder, not an installed package
      const name = typeof entry.name === "string" ? entry.name : key.slice(at + "node_modules/".length);
      if (typeof entry.version === "string" && name !== "") out.push({ name, version: entry.version });
    }
    return out;
  }
  if (isObject(lock.dependencies)) {
    // v1: nested "dependencies" trees.
    const stack: Json[] = [lock.dependencies];
    let budget = 1_000_000;
    while (stack.length > 0 && budget-- > 0) {
      const deps = stack.pop() as Json;
      for (const [name, entry] of Object.entries(deps)) {
        if (!isObject(entry)) continue;
        const version = entry.version;
        if (typeof version === "string" && !version.startsWith("file:") && !version.startsWith("link:")) {
          out.push({ name, version });
        }
        if (isObject(entry.dependencies)) stack.push(entry.dependencies);
      }
    }
    return out;
  }
  return out;
}
