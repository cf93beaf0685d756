/** Counts in words, as people read them: "2 critical, 5 high", never "2C 5H". */
import { SEVERITY_ORDER, type Severity, type SeveritySummary } from "../api/api-types.js";

const KEY = {
  CRITICAL: "critical",
  HIGH: "high",
  MEDIUM: "medium",
  LOW: "low",
  UNKNOWN: "unknown",
} as const satisfies Record<Severity, keyof SeveritySummary>;

/** The summary key of a severity (`CRITICAL` → `critical`). */
export function summaryKey(severity: Severity): keyof SeveritySummary {
  return KEY[severity];
}

/** Severities at or above `minimum`, highest first. */
export function severitiesFrom(minimum: Severity): Severity[] {
  return SEVERITY_ORDER.slice(0, SEVERITY_ORDER.indexOf(minimum) + 1);
}

/**
 * "1 critical, 3 high" over the severities at or above `minimum` (all by default), zeros left out;
 * "no vulnerabilities" (or "nothing at high or above") when there is nothing to count.
 */
export function countsInWords(summary: SeveritySummary, minimum: Severity = "UNKNOWN"): string {
  const parts = severitiesFrom(minimum)
    .map((s) => ({ n: summary[KEY[s]], word: s === "UNKNOWN" ? "of unknown severity" : KEY[s] }))
    .filter(({ n }) => n > 0)
    .map(({ n, word }) => `${n} ${word}`);
  if (parts.length > 0) return parts.join(", ");
  return minimum === "UNKNOWN" ? "no vulnerabilities" : `nothing at ${KEY[minimum]} or above`;
}

/** How many findings at or above `minimum`. */
export function countFrom(summary: SeveritySummary, minimum: Severity): number {
  return severitiesFrom(minimum).reduce((n, s) => n + summary[KEY[s]], 0);
}

/** Critical plus high: what "less vulnerable" compares. */
export function criticalAndHigh(summary: SeveritySummary): number {
  return summary.critical + summary.high;
}

/** The highest severity with at least one finding at or above `minimum`, or null. */
export function highestSeverity(summary: SeveritySummary, minimum: Severity = "UNKNOWN"): Severity | null {
  return severitiesFrom(minimum).find((s) => summary[KEY[s]] > 0) ?? null;
}

/** "1 finding", "3 findings". */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}
