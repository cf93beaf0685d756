import type { IdGenerator } from "../ports/system.js";

/** Random UUID v4 ids from Web Crypto (`crypto.randomUUID`). */
export function createRandomIds(): IdGenerator {
  return { next: () => crypto.randomUUID() };
}
