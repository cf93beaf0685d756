/**
 * The images a Dockerfile builds FROM, parsed with dockerfile-ast: build stages named by an earlier
 * `AS` and `scratch` are skipped, global `ARG` defaults are substituted, `--platform` is read, and
 * a reference that still holds an unresolved `${VAR}` is reported as such (never looked up).
 */
import { DockerfileParser, type From } from "dockerfile-ast";
import { type ImageReference, parseReference } from "./image-reference.js";

export interface TextRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

interface FromBase {
  /** The image argument as written (`${REG}/ns/api:${TAG}`). */
  written: string;
  /** Where the image argument is, for CodeLens, diagnostics and edits. */
  range: TextRange;
  /** 0-based line of the FROM instruction. */
  line: number;
}

export type FromLine =
  | (FromBase & {
      kind: "image";
      /** After ARG substitution. */
      expanded: string;
      reference: ImageReference;
      /** `--platform` after substitution; `build-time` when it names BUILDPLATFORM/TARGETPLATFORM. */
      platform: string | null;
    })
  | (FromBase & { kind: "unresolved"; expanded: string; variables: string[] })
  | (FromBase & { kind: "invalid"; expanded: string });

/** Build arguments docker sets itself: a `--platform` naming them is decided at build time. */
const AUTOMATIC_PLATFORM_ARGS = new Set([
  "BUILDPLATFORM",
  "TARGETPLATFORM",
  "BUILDOS",
  "BUILDARCH",
  "TARGETOS",
  "TARGETARCH",
  "TARGETVARIANT",
  "BUILDVARIANT",
]);
const VARIABLE = /\$\{?([A-Za-z_][A-Za-z0-9_]*)/g;
/** More FROM lines than any real Dockerfile has; the rest is ignored. */
export const MAX_FROM_LINES = 200;

export function fromLines(text: string): FromLine[] {
  const dockerfile = DockerfileParser.parse(text);
  const args = new Map<string, string | null>();
  for (const arg of dockerfile.getInitialARGs()) {
    const property = arg.getProperty();
    if (property) args.set(property.getName(), property.getValue());
  }
  const stages = new Set<string>();
  const out: FromLine[] = [];
  for (const from of dockerfile.getFROMs().slice(0, MAX_FROM_LINES)) {
    const line = fromLine(from, stages, args);
    const stage = from.getBuildStage();
    if (stage) stages.add(stage.toLowerCase());
    if (line) out.push(line);
  }
  return out;
}

function fromLine(from: From, stages: Set<string>, args: Map<string, string | null>): FromLine | null {
  const written = from.getImage();
  const range = from.getImageRange();
  if (!written || !range) return null;
  const base = { written, range: plain(range), line: from.getRange().start.line };
  // dockerfile-ast substitutes declared ARGs; what it leaves is unset, where docker applies the
  // ${VAR:-word} / ${VAR-word} defaults and ${VAR:+word} gives nothing.
  const expanded = withUnsetDefaults(from.getExpandedArguments()[0]?.getValue() ?? written);
  if (expanded.toLowerCase() === "scratch") return null;
  if (!expanded.includes("/") && stages.has(expanded.toLowerCase())) return null;
  const unresolved = variablesIn(expanded);
  if (unresolved.length > 0) return { ...base, kind: "unresolved", expanded, variables: unresolved };
  const reference = parseReference(expanded);
  if (!reference) return { ...base, kind: "invalid", expanded };
  return { ...base, kind: "image", expanded, reference, platform: platformOf(from, args) };
}

function platformOf(from: From, args: Map<string, string | null>): string | null {
  const value = from.getPlatformFlag()?.getValue();
  if (!value) return null;
  let automatic = false;
  const substituted = value.replace(
    /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?([-+])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    (whole, braced: string | undefined, op: string | undefined, word: string | undefined, bare: string | undefined) => {
      const name = (braced ?? bare) as string;
      if (AUTOMATIC_PLATFORM_ARGS.has(name) && !args.get(name)) {
        automatic = true;
        return whole;
      }
      const set = args.get(name);
      if (op === "-") return set || (word ?? "");
      if (op === "+") return set ? (word ?? "") : "";
      return set ?? whole;
    },
  );
  if (automatic) return "build-time";
  return substituted.trim().toLowerCase();
}

function withUnsetDefaults(text: string): string {
  return text.replace(/\$\{[A-Za-z_][A-Za-z0-9_]*(:?)([-+])([^}$]*)\}/g, (_whole, _colon, op: string, word: string) =>
    op === "-" ? word : "",
  );
}

function variablesIn(text: string): string[] {
  return [...new Set([...text.matchAll(VARIABLE)].map((m) => m[1] as string))];
}

function plain(range: TextRange): TextRange {
  return {
    start: { line: range.start.line, character: range.start.character },
    end: { line: range.end.line, character: range.end.character },
  };
}

/** The platform regscan scans from a multi-platform image. */
export const SCANNED_PLATFORM = "linux/amd64";

/** True when the stage is built for another platform than the one regscan scans (results would not apply). */
export function platformDiffers(platform: string | null): boolean {
  if (platform === null || platform === "build-time") return false;
  return !["linux/amd64", "linux/x86_64", "linux/amd64/v1"].includes(platform);
}
