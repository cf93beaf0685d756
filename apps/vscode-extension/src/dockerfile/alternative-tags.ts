/**
 * Less vulnerable tags of the same image: tags regscan has scanned whose critical + high count is
 * strictly lower, on the same track (same major version and variant suffix: `1.4.2-slim` and
 * `1.6-slim` share a track, `2.0-slim` and `1.6` do not). Tags without a version have no track.
 */
import type { Scan, SeveritySummary } from "../api/api-types.js";
import { criticalAndHigh } from "../format/counts.js";

export interface ScannedTag {
  tag: string;
  summary: SeveritySummary;
  scan: Scan;
}

export interface TagTrack {
  major: string;
  /** The version's numbers (`1.4.2` → [1, 4, 2]), for ordering within the track. */
  version: number[];
  /** Everything after the version (`-slim`, `-bookworm`, ``). */
  variant: string;
}

const VERSIONED = /^v?(\d+)((?:\.\d+)*)(.*)$/;

/** The track of a tag, or null when it names no version (`latest`, `stable`). */
export function trackOf(tag: string): TagTrack | null {
  const m = VERSIONED.exec(tag);
  if (!m) return null;
  const variant = m[3] as string;
  // `1.4.2rc1` or `20240101abc` are not a version plus a variant suffix.
  if (variant !== "" && !/^[-_+]/.test(variant)) return null;
  const version = [m[1] as string, ...(m[2] as string).split(".").filter(Boolean)].map(Number);
  return { major: String(Number(m[1])), version, variant };
}

export function sameTrack(a: TagTrack, b: TagTrack): boolean {
  return a.major === b.major && a.variant === b.variant;
}

function compareVersions(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * The tags to propose instead of `current`, best first: fewest critical + high, then the newest
 * version. At most `limit`.
 */
export function lessVulnerableTags(
  current: { tag: string; summary: SeveritySummary },
  scanned: ScannedTag[],
  limit = 3,
): ScannedTag[] {
  const track = trackOf(current.tag);
  if (!track) return [];
  const bar = criticalAndHigh(current.summary);
  return scanned
    .map((s) => ({ s, t: trackOf(s.tag) }))
    .filter(({ s, t }) => s.tag !== current.tag && t !== null && sameTrack(track, t))
    .filter(({ s }) => criticalAndHigh(s.summary) < bar)
    .sort(
      (x, y) =>
        criticalAndHigh(x.s.summary) - criticalAndHigh(y.s.summary) ||
        compareVersions((y.t as TagTrack).version, (x.t as TagTrack).version),
    )
    .slice(0, limit)
    .map(({ s }) => s);
}

/**
 * The latest succeeded scan of each tag, from scans listed newest first (scans of a digest
 * reference name no tag and are left out).
 */
export function latestPerTag(scans: Scan[], tagOf: (image: string) => string | null): ScannedTag[] {
  const out = new Map<string, ScannedTag>();
  for (const scan of scans) {
    if (scan.status !== "succeeded" || !scan.summary) continue;
    const tag = tagOf(scan.image);
    if (tag === null || out.has(tag)) continue;
    out.set(tag, { tag, summary: scan.summary, scan });
  }
  return [...out.values()];
}
