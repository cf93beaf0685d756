// Public surface of the advisory database (re-exported by the package index).
export type { AdvisoryStore, EcosystemStatus, PackageKey, UpsertOptions } from "./advisory-store.js";
export { packageKeyId } from "./advisory-store.js";
export type { ByteSource } from "./byte-source.js";
export {
  ecosystemApplies,
  ecosystemPrefix,
  lookupEcosystems,
  normalizePackageName,
  recordSource,
} from "./ecosystem.js";
export type { ImportOptions, ImportResult } from "./import-batcher.js";
export { ImportBatcher } from "./import-batcher.js";
export { importOsvZip } from "./import-osv-zip.js";
export { createLibsqlAdvisoryStore } from "./libsql-advisory-store.js";
export { changedSince } from "./modified-id.js";
export type { OsvAffected, OsvEvent, OsvRange, OsvRecord, OsvSeverity } from "./osv-record.js";
export { isOsvRecord } from "./osv-record.js";
export type { UpdateEcosystemOptions, UpdateProgress, UpdateResult } from "./update-ecosystem.js";
export { OSV_EXPORT_URL, updateEcosystem } from "./update-ecosystem.js";
