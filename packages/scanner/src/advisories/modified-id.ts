/**
 * Ids of `modified_id.csv` rows (`<iso-modified>,<id>`, newest first; the root file writes
 * `<ecosystem>/<id>`) modified strictly after `since`. Malformed rows are skipped.
 */
export function changedSince(csv: string, since: string): string[] {
  const limit = Date.parse(since);
  const ids = new Set<string>();
  for (const line of csv.split(/\r?\n/)) {
    const comma = line.indexOf(",");
    if (comma <= 0) continue;
    const when = Date.parse(line.slice(0, comma));
    if (Number.isNaN(when) || !(when > limit)) continue;
    const id = line.slice(comma + 1).trim();
    const slash = id.lastIndexOf("/");
    const bare = slash === -1 ? id : id.slice(slash + 1);
    if (bare) ids.add(bare);
  }
  return [...ids];
}
