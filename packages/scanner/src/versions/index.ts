export type { VersionComparator } from "./comparator.js";
export {
  compareVersions,
  ecosystemName,
  getVersionComparator,
  isSupportedEcosystem,
  VERSION_COMPARATORS,
} from "./compare-versions.js";
