import type { OsvAffected, OsvEvent, OsvRange } from "../advisories/osv-record.js";

/** Orders versions of the affected entry's ecosystem. */
export type Compare = (a: string, b: string) => number;

/**
 * OSV's `IsAffected`: true when `version` lies in one of the entry's ECOSYSTEM / SEMVER ranges
 * (events sorted by version, `introduced: "0"` first, then `introduced` / `fixed` /
 * `last_affected` applied in order, within `limit`s) or is listed in `versions[]`. GIT ranges
 * are ignored (they need commit history).
 */
export function isAffected(affected: OsvAffected, version: string, compare: Compare): boolean {
  for (const range of affected.ranges ?? []) {
    if (range.type === "GIT") continue;
    if (
      includedInRange(version, sortEvents(range.events ?? [], compare), compare) &&
      beforeLimits(version, range, compare)
    ) {
      return true;
    }
  }
  return (affected.versions ?? []).some((v) => v === version || compare(v, version) === 0);
}

function includedInRange(version: string, events: OsvEvent[], compare: Compare): boolean {
  let vulnerable = false;
  for (const e of events) {
    if (e.introduced !== undefined) {
      if (e.introduced === "0" || compare(version, e.introduced) >= 0) vulnerable = true;
    } else if (e.fixed !== undefined) {
      if (compare(version, e.fixed) >= 0) vulnerable = false;
    } else if (e.last_affected !== undefined) {
      if (compare(version, e.last_affected) > 0) vulnerable = false;
    }
  }
  return vulnerable;
}

function beforeLimits(version: string, range: OsvRange, compare: Compare): boolean {
  const limits = (range.events ?? []).filter((e) => e.limit !== undefined).map((e) => e.limit!);
  if (limits.length === 0) return true;
  return limits.some((limit) => limit === "*" || compare(version, limit) < 0);
}

/** Events sorted by their version; `introduced: "0"` sorts first; `limit` events dropped. Stable. */
export function sortEvents(events: readonly OsvEvent[], compare: Compare): OsvEvent[] {
  const keyed = events
    .filter((e) => e.limit === undefined)
    .map((e, i) => ({ e, i, v: e.introduced ?? e.fixed ?? e.last_affected ?? "" }));
  keyed.sort((x, y) => {
    const xZero = x.e.introduced === "0";
    const yZero = y.e.introduced === "0";
    if (xZero || yZero) return xZero === yZero ? x.i - y.i : xZero ? -1 : 1;
    return compare(x.v, y.v) || x.i - y.i;
  });
  return keyed.map((k) => k.e);
}

/** The lowest `fixed` version above `version` in the entry's non-GIT ranges, or null. */
export function lowestFixAbove(affected: OsvAffected, version: string, compare: Compare): string | null {
  let best: string | null = null;
  for (const range of affected.ranges ?? []) {
    if (range.type === "GIT") continue;
    for (const e of range.events ?? []) {
      if (e.fixed === undefined || compare(e.fixed, version) <= 0) continue;
      if (best === null || compare(e.fixed, best) < 0) best = e.fixed;
    }
  }
  return best;
}
