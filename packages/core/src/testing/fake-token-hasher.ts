import type { TokenHasher } from "../ports/system.js";

/** Sequential token values (`rgs_test_1`, …) with a real SHA-256 hash (Web Crypto). */
export function createFakeTokenHasher(): TokenHasher {
  let n = 0;
  return {
    generate: () => `rgs_test_${++n}`,
    async hash(value) {
      const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(value));
      return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
    },
  };
}
