/**
 * Java archive metadata: `pom.properties` (Java properties, as Maven writes it) and
 * `META-INF/MANIFEST.MF` (JAR manifest: `Name: value` lines of at most 72 bytes, continued by
 * lines starting with one space; the main section ends at the first blank line), and the package
 * identity each gives.
 */

export interface PomProperties {
  groupId: string;
  artifactId: string;
  version: string;
}

/** Manifest attributes regscan reads (main section). */
export const MANIFEST_FIELDS = [
  "Implementation-Title",
  "Implementation-Version",
  "Implementation-Vendor-Id",
  "Bundle-SymbolicName",
  "Bundle-Version",
  "Specification-Version",
] as const;

export type ManifestFields = Partial<Record<(typeof MANIFEST_FIELDS)[number], string>>;

const MAX_VALUE = 256;

/** Java `.properties`: `key=value`, `key: value` or `key value`; `#`/`!` comments; `\` continuations. */
export function parseProperties(text: string): Map<string, string> {
  const out = new Map<string, string>();
  const lines = text.split(/\r\n|\r|\n/);
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]!.trimStart();
    if (line === "" || line.startsWith("#") || line.startsWith("!")) continue;
    while (/(?:^|[^\\])(?:\\\\)*\\$/.test(line) && i + 1 < lines.length)
      line = line.slice(0, -1) + lines[++i]!.trimStart();
    const match = /^((?:\\.|[^=:\s\\])+)\s*[=:\s]\s*(.*)$/.exec(line);
    const key = unescapeProperty(match ? match[1]! : line);
    out.set(key, unescapeProperty(match ? match[2]! : "").trim());
  }
  return out;
}

function unescapeProperty(text: string): string {
  return text.replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_, e: string) =>
    e.length === 5
      ? String.fromCharCode(Number.parseInt(e.slice(1), 16))
      : ({ t: "\t", n: "\n", r: "\r", f: "\f" }[e] ?? e),
  );
}

/** The coordinates of a pom.properties, or undefined when one is missing or unresolved (`${…}`). */
export function parsePomProperties(text: string): PomProperties | undefined {
  const props = parseProperties(text);
  const groupId = props.get("groupId") ?? "";
  const artifactId = props.get("artifactId") ?? "";
  const version = props.get("version") ?? "";
  const ok = (v: string) => v !== "" && v.length <= MAX_VALUE && !v.includes("${");
  return ok(groupId) && ok(artifactId) && ok(version) ? { groupId, artifactId, version } : undefined;
}

/** The main section's attributes that regscan reads. */
export function parseManifest(text: string): ManifestFields {
  const out: ManifestFields = {};
  const wanted = new Map(MANIFEST_FIELDS.map((f) => [f.toLowerCase(), f]));
  let current: string | undefined;
  for (const raw of text.split(/\r\n|\r|\n/)) {
    if (raw === "") break; // end of the main section
    if (raw.startsWith(" ")) {
      if (current !== undefined) out[current as keyof ManifestFields] += raw.slice(1);
      continue;
    }
    const colon = raw.indexOf(":");
    const field = colon > 0 ? wanted.get(raw.slice(0, colon).trim().toLowerCase()) : undefined;
    current = field;
    if (field !== undefined) out[field] = raw.slice(colon + 1).trim();
  }
  for (const f of MANIFEST_FIELDS) {
    const v = out[f];
    if (v !== undefined) out[f] = v.trim().slice(0, MAX_VALUE);
  }
  return out;
}

/** `commons-io-2.11.0.jar` → artifact `commons-io`, version `2.11.0`; `log4j-core.jar` → no version. */
export function nameFromFile(fileName: string): { artifact: string; version: string } {
  const stem = fileName.replace(/\.[^./]*$/, "");
  const match = /^(.+?)-(\d[\w.~+-]*)$/.exec(stem);
  return match ? { artifact: match[1]!, version: match[2]! } : { artifact: stem, version: "" };
}

/** True when a pom.properties describes the archive itself (not a shaded dependency inside it). */
export function describesArchive(pom: PomProperties, fileName: string): boolean {
  const { artifact } = nameFromFile(fileName);
  return artifact === pom.artifactId || artifact.startsWith(`${pom.artifactId}-`);
}

const GROUP = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

/**
 * The lower-confidence identity of an archive without a pom.properties of its own: artifact from
 * the file name (else Bundle-SymbolicName, else Implementation-Title), version from
 * Implementation-Version, Bundle-Version, Specification-Version or the file name, and the group
 * only from Implementation-Vendor-Id (Maven's archiver writes the groupId there). `group` is
 * undefined when unknown: such a package is reported but never matched.
 */
export function manifestIdentity(
  manifest: ManifestFields,
  fileName: string,
): { group: string | undefined; artifact: string; version: string } | undefined {
  const file = nameFromFile(fileName);
  const symbolic = manifest["Bundle-SymbolicName"]?.split(";")[0]?.trim();
  const artifact = file.artifact || symbolic || manifest["Implementation-Title"] || "";
  const version =
    manifest["Implementation-Version"] ||
    manifest["Bundle-Version"] ||
    manifest["Specification-Version"] ||
    file.version;
  if (artifact === "" || version === "" || /\s/.test(version)) return undefined;
  const vendor = manifest["Implementation-Vendor-Id"];
  return { group: vendor !== undefined && GROUP.test(vendor) ? vendor : undefined, artifact, version };
}
