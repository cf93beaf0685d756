import type { Finding } from "./finding.js";
import type { IgnoreRule } from "./ignore-rules.js";
import type { Severity } from "./severity.js";

export interface FindingFilter {
  /** Keep only these severities (all when absent or empty). */
  severities?: readonly Severity[];
  /** Drop findings without a fixed version. */
  ignoreUnfixed?: boolean;
  /** `.regscanignore` rules in force. */
  ignore?: readonly IgnoreRule[];
}

export interface FilteredFindings {
  kept: Finding[];
  /** Findings dropped by an ignore rule, with the rule. */
  ignored: { finding: Finding; rule: IgnoreRule }[];
}

/** Applies the scan's filters: severity, unfixed, then ignore rules (by id or any alias). */
export function filterFindings(findings: readonly Finding[], filter: FindingFilter): FilteredFindings {
  const kept: Finding[] = [];
  const ignored: FilteredFindings["ignored"] = [];
  for (const f of findings) {
    if (filter.severities?.length && !filter.severities.includes(f.severity)) continue;
    if (filter.ignoreUnfixed && f.fixedVersion === null) continue;
    const rule = filter.ignore?.find((r) => ruleMatches(r, f));
    if (rule) ignored.push({ finding: f, rule });
    else kept.push(f);
  }
  return { kept, ignored };
}

function ruleMatches(rule: IgnoreRule, f: Finding): boolean {
  if (rule.id !== f.id && !f.aliases.includes(rule.id)) return false;
  return rule.package === undefined || rule.package === f.packageName || rule.package === f.source?.name;
}
