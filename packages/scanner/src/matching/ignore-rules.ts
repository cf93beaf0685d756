import { DomainError } from "@regscan/core";
import { parse } from "yaml";

/** One `.regscanignore` entry: `{id, reason, expires?, package?}`. */
export interface IgnoreRule {
  /** A vulnerability id or any of its aliases. */
  id: string;
  reason: string;
  /** ISO date (`2026-12-31`) or date-time after which the rule stops ignoring. */
  expires?: string;
  /** Only findings of this package (installed name or source name). */
  package?: string;
}

export interface IgnoreFile {
  /** Rules in force at `now`. */
  rules: IgnoreRule[];
  /** Human-readable warnings (expired rules). */
  warnings: string[];
}

/**
 * Parses a `.regscanignore` YAML list. Expired rules are dropped with a warning (a date without
 * time expires at the end of that day, UTC). Throws `validation_failed` naming the entry.
 */
export function parseIgnoreFile(text: string, now: Date, name = ".regscanignore"): IgnoreFile {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (e) {
    throw new DomainError("validation_failed", `${name} is not valid YAML: ${(e as Error).message}`);
  }
  if (doc === null || doc === undefined) return { rules: [], warnings: [] };
  if (!Array.isArray(doc))
    throw new DomainError("validation_failed", `${name} must be a YAML list of {id, reason, expires?, package?}.`);
  const rules: IgnoreRule[] = [];
  const warnings: string[] = [];
  doc.forEach((entry: unknown, i) => {
    const rule = toRule(entry, `${name} entry ${i + 1}`);
    if (rule.expires !== undefined && expiry(rule.expires, `${name} entry ${i + 1}`) <= now.getTime()) {
      warnings.push(`${name}: the ignore rule for ${rule.id} expired on ${rule.expires}; it is no longer applied.`);
      return;
    }
    rules.push(rule);
  });
  return { rules, warnings };
}

function toRule(entry: unknown, where: string): IgnoreRule {
  if (typeof entry !== "object" || entry === null || Array.isArray(entry)) {
    throw new DomainError("validation_failed", `${where} must be a mapping with id and reason.`);
  }
  const e = entry as Record<string, unknown>;
  if (typeof e.id !== "string" || !e.id.trim()) throw new DomainError("validation_failed", `${where} needs an id.`);
  if (typeof e.reason !== "string" || !e.reason.trim()) {
    throw new DomainError("validation_failed", `${where} (${e.id}) needs a reason: say why it is ignored.`);
  }
  const rule: IgnoreRule = { id: e.id.trim(), reason: e.reason.trim() };
  if (e.expires !== undefined) {
    // YAML turns an unquoted 2026-12-31 into a string with the default schema; accept Date too.
    rule.expires = e.expires instanceof Date ? e.expires.toISOString().slice(0, 10) : String(e.expires);
  }
  if (e.package !== undefined) {
    if (typeof e.package !== "string")
      throw new DomainError("validation_failed", `${where} (${e.id}): package must be a string.`);
    rule.package = e.package;
  }
  return rule;
}

function expiry(value: string, where: string): number {
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const t = Date.parse(dateOnly ? `${value}T23:59:59.999Z` : value);
  if (Number.isNaN(t))
    throw new DomainError("validation_failed", `${where}: expires must be a date like 2026-12-31 (got ${value}).`);
  return t;
}
