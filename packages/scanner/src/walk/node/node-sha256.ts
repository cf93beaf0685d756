import { createHash } from "node:crypto";
import type { Sha256Factory } from "../sha256.js";

/** SHA-256 through OpenSSL (uses SHA-NI where the CPU has it): ~1.3 GB/s here vs ~0.2 in JS. */
export const nodeSha256: Sha256Factory = () => {
  const hash = createHash("sha256");
  return {
    update: (chunk) => void hash.update(chunk),
    digest: () => `sha256:${hash.digest("hex")}`,
  };
};
