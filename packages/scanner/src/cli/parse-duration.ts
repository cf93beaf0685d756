import { DomainError } from "@regscan/core";

const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as const;
const MAX_MS = 24 * UNIT_MS.h;

/** `500ms`, `30s`, `1.5m`, `2h` in milliseconds; anything else (or 0, or over 24h) is `validation_failed`. */
export function parseDuration(value: string, option: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(value.trim());
  const ms = m ? Math.round(Number(m[1]) * UNIT_MS[m[2] as keyof typeof UNIT_MS]) : Number.NaN;
  if (!(ms > 0 && ms <= MAX_MS)) {
    throw new DomainError(
      "validation_failed",
      `${option} must be a duration with a unit, from 1ms to 24h: e.g. 30s, 2m, 500ms (got "${value.slice(0, 40)}").`,
      { field: option },
    );
  }
  return ms;
}
