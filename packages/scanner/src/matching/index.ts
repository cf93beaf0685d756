// Public surface of the matcher (re-exported by the package index).
export { isAffected, lowestFixAbove, sortEvents } from "./affected-by.js";
export type { FilteredFindings, FindingFilter } from "./filter-findings.js";
export { filterFindings } from "./filter-findings.js";
export type { Finding } from "./finding.js";
export type { IgnoreFile, IgnoreRule } from "./ignore-rules.js";
export { parseIgnoreFile } from "./ignore-rules.js";
export type { MatchOptions } from "./match-packages.js";
export { advisoryKey, matchPackages } from "./match-packages.js";
export type { MergedMatch, RecordMatch } from "./merge-matches.js";
export { mergeMatches, primaryId } from "./merge-matches.js";
export type { CvssScore, Rating, Severity } from "./severity.js";
export { highest, rateRecord, SEVERITIES, scoreCvss, severityOfScore, severityOfWord } from "./severity.js";
export type { CompareVersions } from "./version-compare.js";
