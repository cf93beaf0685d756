/**
 * The subset of the OSV schema (https://ossf.github.io/osv-schema/) regscan reads. Records are
 * stored whole (as JSON); these types name only the fields the store and matcher use.
 */

/** One event of an `affected[].ranges[].events[]` list: exactly one field is set. */
export interface OsvEvent {
  introduced?: string;
  fixed?: string;
  last_affected?: string;
  limit?: string;
}

export interface OsvRange {
  type: "ECOSYSTEM" | "SEMVER" | "GIT" | string;
  repo?: string;
  events: OsvEvent[];
}

export interface OsvSeverity {
  /** "CVSS_V2" | "CVSS_V3" | "CVSS_V4" | "Ubuntu" | ... */
  type: string;
  /** A CVSS vector, or a rating word for distribution types ("medium"). */
  score: string;
}

export interface OsvAffected {
  package?: { ecosystem: string; name: string; purl?: string };
  ranges?: OsvRange[];
  versions?: string[];
  severity?: OsvSeverity[];
  ecosystem_specific?: Record<string, unknown>;
  database_specific?: Record<string, unknown>;
}

export interface OsvRecord {
  id: string;
  modified: string;
  published?: string;
  withdrawn?: string;
  aliases?: string[];
  upstream?: string[];
  related?: string[];
  summary?: string;
  details?: string;
  severity?: OsvSeverity[];
  affected?: OsvAffected[];
  references?: { type: string; url: string }[];
  database_specific?: Record<string, unknown>;
  schema_version?: string;
}

/** True when `value` has the two fields every OSV record must have (`id`, `modified`). */
export function isOsvRecord(value: unknown): value is OsvRecord {
  if (typeof value !== "object" || value === null) return false;
  const v = value as { id?: unknown; modified?: unknown; affected?: unknown };
  return (
    typeof v.id === "string" &&
    v.id.length > 0 &&
    typeof v.modified === "string" &&
    (v.affected === undefined || Array.isArray(v.affected))
  );
}
