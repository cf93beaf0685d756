/**
 * The candidate that is probably meant by `wanted`: equal ignoring case, else the nearest by
 * edit distance when it is at most 2 (and shorter than the name). Null when nothing is close.
 */
export function closestName(wanted: string, candidates: readonly string[]): string | null {
  const lower = wanted.toLowerCase();
  const sameCase = candidates.find((c) => c.toLowerCase() === lower && c !== wanted);
  if (sameCase !== undefined) return sameCase;
  let best: { name: string; distance: number } | null = null;
  for (const candidate of candidates) {
    if (candidate === wanted) continue;
    const distance = editDistance(lower, candidate.toLowerCase());
    if (distance <= 2 && distance < lower.length && (best === null || distance < best.distance)) {
      best = { name: candidate, distance };
    }
  }
  return best?.name ?? null;
}

/** Levenshtein distance (insertions, deletions, substitutions). */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
