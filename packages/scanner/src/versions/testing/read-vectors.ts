import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** One line of a version-vector file: `a op b`. */
export interface VersionVector {
  line: number;
  a: string;
  op: "<" | "=" | ">";
  b: string;
}

/** The repo copy of osv-scalibr's comparison vectors (see its README.md for attribution). */
export const VECTORS_DIR = fileURLToPath(new URL("../../../test/fixtures/version-vectors/", import.meta.url));

/** Vector files present in the fixtures directory. */
export function vectorFiles(): string[] {
  return readdirSync(VECTORS_DIR).filter((f) => f.endsWith(".txt"));
}

/**
 * Parses a vector file: blank lines and lines starting with "# " or "// " are comments; every
 * other line must be exactly `A <op> B` (a malformed line throws, so a broken file fails loudly).
 */
export function readVectors(file: string): VersionVector[] {
  const text = readFileSync(VECTORS_DIR + file, "utf8");
  const out: VersionVector[] = [];
  text.split("\n").forEach((raw, index) => {
    const line = raw.replace(/\r$/, "");
    if (line === "" || line.startsWith("# ") || line.startsWith("// ")) return;
    const parts = line.split(" ");
    const [a, op, b] = parts;
    if (parts.length !== 3 || a === undefined || b === undefined || (op !== "<" && op !== "=" && op !== ">")) {
      throw new Error(`${file}:${index + 1}: malformed vector line: ${line}`);
    }
    out.push({ line: index + 1, a, op, b });
  });
  return out;
}

/** Every distinct version mentioned in some vector files. */
export function vectorVersions(files: readonly string[]): string[] {
  const set = new Set<string>();
  for (const f of files) for (const v of readVectors(f)) set.add(v.a).add(v.b);
  return [...set];
}
