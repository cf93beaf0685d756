// The vocabulary (severities, CVSS scores) lives in core, shared with the API and the runners.
import { type CvssScore, SEVERITIES, type Severity } from "@regscan/core";
import * as cvssModule from "ae-cvss-calculator";
import type { OsvAffected, OsvRecord, OsvSeverity } from "../advisories/osv-record.js";

export { type CvssScore, SEVERITIES, type Severity };

export interface Rating {
  severity: Severity;
  cvss?: CvssScore;
}

/** The classes of ae-cvss-calculator that score a vector. */
interface CvssLibrary {
  Cvss3P0: typeof cvssModule.Cvss3P0;
  Cvss3P1: typeof cvssModule.Cvss3P1;
  Cvss4P0: typeof cvssModule.Cvss4P0;
}

/**
 * ae-cvss-calculator ships only a webpack UMD bundle (CommonJS, `__esModule` set, no `default`),
 * so what `import * as` yields depends on the loader: Node's ESM loader gives
 * `{default: module.exports, CvssCalculator: undefined}` (the lexer sees the UMD's global
 * branch), esbuild's and Vite's interop copy the classes onto the namespace. Take the classes
 * from whichever object holds them, and refuse to load when none does: severities must never
 * silently become UNKNOWN.
 */
export function resolveCvssLibrary(namespace: object): CvssLibrary {
  const ns = namespace as Record<string, unknown>;
  for (const candidate of [ns, ns.default, ns.CvssCalculator]) {
    const lib = candidate as Partial<CvssLibrary> | null | undefined;
    if (typeof lib?.Cvss3P0 === "function" && typeof lib.Cvss3P1 === "function" && typeof lib.Cvss4P0 === "function")
      return lib as CvssLibrary;
  }
  throw new Error(
    `ae-cvss-calculator: no Cvss3P0/Cvss3P1/Cvss4P0 classes in the loaded module (keys: ${Object.keys(ns).join(", ")}); the package's shape changed`,
  );
}

const lib = resolveCvssLibrary(cvssModule);

/** Base metrics a vector must name (each once), per CVSS version. */
const BASE_METRICS: Record<string, readonly string[]> = {
  "3.0": ["AV", "AC", "PR", "UI", "S", "C", "I", "A"],
  "3.1": ["AV", "AC", "PR", "UI", "S", "C", "I", "A"],
  "4.0": ["AV", "AC", "AT", "PR", "UI", "VC", "VI", "VA", "SC", "SI", "SA"],
};

/**
 * What ae-cvss-calculator throws for a well-formed vector that names an unknown metric or value
 * (`Unknown component X when setting value Y`, `Unknown component value Y for component X`).
 */
const UNKNOWN_METRIC = /^Unknown component (\S+ when setting value|value \S+ for component) \S+$/;

/**
 * Scores a CVSS v3.0 / v3.1 / v4.0 vector; null for other versions and malformed vectors (not
 * `CVSS:x.y/M:V/…`, a metric twice, a base metric missing or `X`, an unknown metric or value). Any
 * other failure of the library is a bug and is thrown.
 */
export function scoreCvss(raw: string): CvssScore | null {
  const vector = raw.trim();
  const match = /^CVSS:(3\.0|3\.1|4\.0)\/(.*)$/.exec(vector);
  if (!match) return null;
  const version = match[1]!;
  const metrics = new Map<string, string>();
  for (const part of match[2]!.split("/")) {
    const pair = /^([A-Za-z]+):([A-Za-z]+)$/.exec(part);
    if (!pair || metrics.has(pair[1]!)) return null;
    metrics.set(pair[1]!, pair[2]!);
  }
  // Base metrics have no "X" (Not Defined) value; the library would score such a vector 0 or not at all.
  if (!BASE_METRICS[version]!.every((m) => (metrics.get(m) ?? "X") !== "X")) return null;
  let scores: { base?: number };
  try {
    const calc =
      version === "4.0"
        ? new lib.Cvss4P0(vector)
        : version === "3.1"
          ? new lib.Cvss3P1(vector)
          : new lib.Cvss3P0(vector);
    scores = calc.calculateScores() as { base?: number };
  } catch (error) {
    const { name, message } = (error ?? {}) as { name?: unknown; message?: unknown };
    if (name === "Error" && typeof message === "string" && UNKNOWN_METRIC.test(message)) return null;
    throw error;
  }
  const score = scores.base;
  if (typeof score !== "number" || !Number.isFinite(score) || score < 0 || score > 10) {
    throw new Error(`ae-cvss-calculator: no base score for the complete vector ${vector} (got ${String(score)})`);
  }
  return { version, vector, score };
}

/** CVSS qualitative rating: ≥9 CRITICAL, ≥7 HIGH, ≥4 MEDIUM, otherwise LOW. */
export function severityOfScore(score: number): Severity {
  if (score >= 9) return "CRITICAL";
  if (score >= 7) return "HIGH";
  if (score >= 4) return "MEDIUM";
  return "LOW";
}

/** Rating words of Debian (urgency), Ubuntu (priority), GitHub and others. */
const WORDS: Record<string, Severity> = {
  critical: "CRITICAL",
  high: "HIGH",
  important: "HIGH",
  moderate: "MEDIUM",
  medium: "MEDIUM",
  low: "LOW",
  negligible: "LOW",
  unimportant: "LOW",
};

/** A distribution / database rating word as a severity ("low*" counts as low); null when unknown. */
export function severityOfWord(word: unknown): Severity | null {
  if (typeof word !== "string") return null;
  return WORDS[word.trim().toLowerCase().replace(/\*+$/, "")] ?? null;
}

/**
 * Rates a record for the affected entries that matched: the highest-scoring CVSS v3.x / v4
 * vector (record or entry level); otherwise the distribution's or database's word (Debian
 * `urgency`, Ubuntu priority, GitHub / PyPI `severity`), the highest one; otherwise UNKNOWN.
 */
export function rateRecord(record: OsvRecord, entries: readonly OsvAffected[]): Rating {
  const severities: OsvSeverity[] = [...(record.severity ?? []), ...entries.flatMap((e) => e.severity ?? [])];
  let best: CvssScore | null = null;
  for (const s of severities) {
    if (s.type !== "CVSS_V3" && s.type !== "CVSS_V4") continue;
    const scored = scoreCvss(s.score);
    if (scored && (best === null || scored.score > best.score)) best = scored;
  }
  if (best) return { severity: severityOfScore(best.score), cvss: best };
  const words: unknown[] = severities.filter((s) => !s.type.startsWith("CVSS")).map((s) => s.score);
  for (const bag of [
    ...entries.flatMap((e) => [e.ecosystem_specific, e.database_specific]),
    record.database_specific,
  ]) {
    if (bag) words.push(bag.urgency, bag.severity, bag.priority);
  }
  return { severity: highest(words.map(severityOfWord).filter((s): s is Severity => s !== null)) };
}

/** The highest of some severities (UNKNOWN when none). */
export function highest(severities: readonly Severity[]): Severity {
  for (const s of SEVERITIES) if (severities.includes(s)) return s;
  return "UNKNOWN";
}
