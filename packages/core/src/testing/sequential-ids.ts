import type { IdGenerator } from "../ports/system.js";

/** Ids `<prefix>-000001`, `<prefix>-000002`, … (zero-padded so string order is creation order). */
export function createSequentialIds(prefix = "id"): IdGenerator {
  let n = 0;
  return { next: () => `${prefix}-${String(++n).padStart(6, "0")}` };
}
