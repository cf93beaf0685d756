/**
 * OS detection from os-release(5): `etc/os-release`, else `usr/lib/os-release` (on most images
 * the former is a symlink to the latter, which the view does not hold as a file).
 */

import type { FileView, OsInfo } from "../model.js";
import { decodeText, lines } from "./text.js";

const OS_RELEASE_PATHS = ["etc/os-release", "usr/lib/os-release"] as const;
const DEBIAN_VERSION = "etc/debian_version";

/** os-release files are a few hundred bytes; anything past this is not one. */
export const OS_RELEASE_MAX_SIZE = 64 * 1024;

/** True for the files `detectOs` reads; the walk keeps them (up to OS_RELEASE_MAX_SIZE). */
export function wantsOsFile(path: string): boolean {
  return path === DEBIAN_VERSION || (OS_RELEASE_PATHS as readonly string[]).includes(path);
}

/** Reads the image's OS from the view, or null when no os-release file is present or usable. */
export function detectOs(view: FileView): OsInfo | null {
  for (const path of OS_RELEASE_PATHS) {
    const data = view.get(path);
    if (data === undefined) continue;
    const os = osInfoFromFields(parseOsRelease(decodeText(data)));
    if (os === null) continue;
    if (os.version === "" && os.family === "debian") {
      os.version = debianVersionMajor(view.get(DEBIAN_VERSION));
    }
    return os;
  }
  return null;
}

/** Parses os-release(5) text: KEY=value lines, shell-style quoting and escapes, # comments. */
export function parseOsRelease(text: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const raw of lines(text)) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    const eq = line.indexOf("=");
    if (eq <= 0) continue;
    const key = line.slice(0, eq).trim();
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) continue;
    fields.set(key, unquote(line.slice(eq + 1).trim()));
  }
  return fields;
}

function osInfoFromFields(fields: Map<string, string>): OsInfo | null {
  const id = (fields.get("ID") ?? "").toLowerCase();
  if (id === "") return null;
  const os: OsInfo = {
    family: id,
    version: fields.get("VERSION_ID") ?? "",
    idLike: (fields.get("ID_LIKE") ?? "")
      .toLowerCase()
      .split(/\s+/)
      .filter((s) => s !== ""),
  };
  const codename = fields.get("VERSION_CODENAME");
  if (codename) os.versionCodename = codename;
  const pretty = fields.get("PRETTY_NAME");
  if (pretty) os.prettyName = pretty;
  return os;
}

/** Debian stable images have "12.5" in etc/debian_version; testing/sid have "trixie/sid". */
function debianVersionMajor(data: Uint8Array | undefined): string {
  if (data === undefined) return "";
  const match = /^(\d+)(?:\.\d+)*\s*$/.exec(decodeText(data).trim());
  return match?.[1] ?? "";
}

/** Undoes shell quoting as os-release(5) allows it: '…', "…" with \\ \" \$ \` escapes, bare \x. */
function unquote(value: string): string {
  let out = "";
  let quote: "'" | '"' | null = null;
  for (let i = 0; i < value.length; i++) {
    const c = value[i] as string;
    if (quote === "'") {
      if (c === "'") quote = null;
      else out += c;
    } else if (quote === '"') {
      if (c === '"') quote = null;
      else if (c === "\\" && i + 1 < value.length && '\\"$`'.includes(value[i + 1] as string)) out += value[++i];
      else out += c;
    } else if (c === "'" || c === '"') {
      quote = c;
    } else if (c === "\\" && i + 1 < value.length) {
      out += value[++i];
    } else if (c === "#" && (i === 0 || /\s/.test(value[i - 1] as string))) {
      break;
    } else {
      out += c;
    }
  }
  return out.trim();
}
