export type { VersionComparator } from "./comparator.js";
export {
  VERSION_COMPARATORS,
  compareVersions,
  ecosystemName,
  getVersionComparator,
  isSupportedEcosystem,
} from "./compare-versions.js";
