// Public surface of the matcher (re-exported by the package index).
export { isAffected, lowestFixAbove, sortEvents } from "./affected-by.js";
export type { Finding } from "./finding.js";
export { mergeMatches, primaryId } from "./merge-matches.js";
export type { MergedMatch, RecordMatch } from "./merge-matches.js";
export { advisoryKey, matchPackages } from "./match-packages.js";
export type { MatchOptions } from "./match-packages.js";
export { SEVERITIES, highest, rateRecord, scoreCvss, severityOfScore, severityOfWord } from "./severity.js";
export type { CvssScore, Rating, Severity } from "./severity.js";
export type { CompareVersions } from "./version-compare.js";
export { filterFindings } from "./filter-findings.js";
export type { FilteredFindings, FindingFilter } from "./filter-findings.js";
export { parseIgnoreFile } from "./ignore-rules.js";
export type { IgnoreFile, IgnoreRule } from "./ignore-rules.js";
