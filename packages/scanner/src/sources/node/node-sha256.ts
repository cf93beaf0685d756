/** Incremental SHA-256 over node:crypto (native, much faster than the pure-JS web fallback). */
import { createHash } from "node:crypto";
import type { Sha256Factory } from "../../walk/sha256.js";

export const nodeSha256: Sha256Factory = () => {
  const hash = createHash("sha256");
  return {
    update: (chunk) => void hash.update(chunk),
    digest: () => `sha256:${hash.digest("hex")}`,
  };
};
