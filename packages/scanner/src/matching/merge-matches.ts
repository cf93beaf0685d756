import type { OsvAffected, OsvRecord } from "../advisories/osv-record.js";
import { highest, type Rating, rateRecord } from "./severity.js";

/** A record that matched one installed package, with the affected entries that matched. */
export interface RecordMatch {
  record: OsvRecord;
  entries: OsvAffected[];
  fixed: string | null;
}

/** Records of one issue merged for one package. */
export interface MergedMatch {
  id: string;
  aliases: string[];
  fixed: string | null;
  rating: Rating;
  summary: string;
}

const CVE = /^CVE-(\d+)-(\d+)$/;

/**
 * Merges the records that matched one package into one entry per issue. Records are linked
 * by `id`, `aliases` and a single `upstream` id; a record whose `upstream` names several issues
 * (a DSA fixing many CVEs) is folded into each group it shares an id with, or stands alone.
 */
export function mergeMatches(
  matches: readonly RecordMatch[],
  compareFixed: (a: string, b: string) => number,
): MergedMatch[] {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let root = x;
    while (parent.get(root) !== root) root = parent.get(root)!;
    parent.set(x, root);
    return root;
  };
  const add = (x: string) => {
    if (!parent.has(x)) parent.set(x, x);
  };
  const union = (a: string, b: string) => {
    add(a);
    add(b);
    const ra = find(a);
    const rb = find(b);
    if (ra === rb) return;
    // The smaller id (string order) becomes the root.
    if (ra < rb) parent.set(rb, ra);
    else parent.set(ra, rb);
  };
  const single = matches.filter((m) => (m.record.upstream ?? []).length <= 1);
  const umbrella = matches.filter((m) => (m.record.upstream ?? []).length > 1);
  for (const m of single) {
    add(m.record.id);
    for (const other of [...(m.record.aliases ?? []), ...(m.record.upstream ?? [])]) union(m.record.id, other);
  }
  const groups = new Map<string, { ids: Set<string>; members: RecordMatch[] }>();
  const groupOf = (root: string) => {
    const g = groups.get(root) ?? { ids: new Set<string>(), members: [] };
    groups.set(root, g);
    return g;
  };
  for (const [id] of parent) groupOf(find(id)).ids.add(id);
  for (const m of single) groupOf(find(m.record.id)).members.push(m);
  for (const m of umbrella) {
    const roots = new Set((m.record.upstream ?? []).filter((u) => parent.has(u)).map(find));
    if (roots.size === 0) {
      const g = {
        ids: new Set([m.record.id, ...(m.record.aliases ?? []), ...(m.record.upstream ?? [])]),
        members: [m],
      };
      groups.set(`umbrella\u0000${m.record.id}`, g);
      continue;
    }
    for (const root of roots) {
      const g = groupOf(root);
      g.ids.add(m.record.id);
      for (const a of m.record.aliases ?? []) g.ids.add(a);
      g.members.push(m);
    }
  }
  const out: MergedMatch[] = [];
  for (const [key, g] of groups) {
    if (g.members.length === 0) continue;
    const id = key.startsWith("umbrella\u0000") ? g.members[0]!.record.id : primaryId([...g.ids]);
    const fixes = g.members.map((m) => m.fixed).filter((f): f is string => f !== null);
    out.push({
      id,
      aliases: [...g.ids].filter((x) => x !== id).sort(),
      fixed: fixes.reduce<string | null>((best, f) => (best === null || compareFixed(f, best) < 0 ? f : best), null),
      rating: combineRatings(g.members.map((m) => rateRecord(m.record, m.entries))),
      summary: summaryOf(g.members.map((m) => m.record)),
    });
  }
  return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The CVE id (oldest first) when there is one, else a GHSA id, else the smallest id. */
export function primaryId(ids: readonly string[]): string {
  const cves = ids.filter((i) => CVE.test(i)).sort(compareCve);
  if (cves.length > 0) return cves[0]!;
  const sorted = [...ids].sort();
  return sorted.find((i) => i.startsWith("GHSA-")) ?? sorted[0]!;
}

function compareCve(a: string, b: string): number {
  const [, ya, na] = CVE.exec(a)!;
  const [, yb, nb] = CVE.exec(b)!;
  return Number(ya) - Number(yb) || Number(na) - Number(nb);
}

function combineRatings(ratings: readonly Rating[]): Rating {
  const scored = ratings.filter((r) => r.cvss).sort((a, b) => b.cvss!.score - a.cvss!.score);
  if (scored.length > 0) return scored[0]!;
  return { severity: highest(ratings.map((r) => r.severity).filter((s) => s !== "UNKNOWN")) };
}

function summaryOf(records: readonly OsvRecord[]): string {
  const withSummary = records.find((r) => r.summary?.trim());
  if (withSummary) return withSummary.summary!.trim();
  const details = records.find((r) => r.details?.trim())?.details?.trim() ?? "";
  const first = details.split(/\n\s*\n/)[0]!.replace(/\s+/g, " ");
  return first.length > 200 ? `${first.slice(0, 197)}...` : first;
}
