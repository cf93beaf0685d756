import * as cvssLib from "ae-cvss-calculator";
import type { OsvAffected, OsvRecord, OsvSeverity } from "../advisories/osv-record.js";

/** Severity levels of a finding, highest first. Part of the JSON report contract. */
export const SEVERITIES = ["CRITICAL", "HIGH", "MEDIUM", "LOW", "UNKNOWN"] as const;
export type Severity = (typeof SEVERITIES)[number];

/** A scored CVSS vector. */
export interface CvssScore {
  /** "3.0" | "3.1" | "4.0" */
  version: string;
  vector: string;
  score: number;
}

export interface Rating {
  severity: Severity;
  cvss?: CvssScore;
}

// The package's ESM build exposes its classes on a namespace object (CJS interop).
const lib = ((cvssLib as unknown as { CvssCalculator?: typeof cvssLib }).CvssCalculator ?? cvssLib) as typeof cvssLib;

/** Scores a CVSS v3.0 / v3.1 / v4.0 vector; null for other versions or malformed vectors. */
export function scoreCvss(vector: string): CvssScore | null {
  const match = /^CVSS:(3\.0|3\.1|4\.0)\//.exec(vector.trim());
  if (!match) return null;
  const version = match[1]!;
  try {
    const calc =
      version === "4.0"
        ? new lib.Cvss4P0(vector.trim())
        : version === "3.1"
          ? new lib.Cvss3P1(vector.trim())
          : new lib.Cvss3P0(vector.trim());
    const scores = calc.calculateScores() as { base?: number; overall?: number };
    const score = scores.base ?? scores.overall;
    if (typeof score !== "number" || Number.isNaN(score)) return null;
    return { version, vector: vector.trim(), score };
  } catch {
    return null;
  }
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
