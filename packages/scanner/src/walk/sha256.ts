/**
 * Incremental SHA-256, as a port: Web Crypto has no streaming digest, so the web build uses
 * @noble/hashes and the Node entry injects `node:crypto` (several times faster, SHA-NI).
 */

import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex } from "@noble/hashes/utils.js";

export interface Sha256Hash {
  update(chunk: Uint8Array): void;
  /** `sha256:<hex>`. Call once, after the last update. */
  digest(): string;
}

export type Sha256Factory = () => Sha256Hash;

/** Pure-JS SHA-256 for web runtimes. */
export const webSha256: Sha256Factory = () => {
  const hash = sha256.create();
  return {
    update: (chunk) => void hash.update(chunk),
    digest: () => `sha256:${bytesToHex(hash.digest())}`,
  };
};
