import type { TokenHasher } from "@regscan/core";
import { toBase64Url, toHex } from "./base64.js";

/** Token values: `rgs_` + 32 random bytes in base64url. Hash: lowercase hex SHA-256 (Web Crypto). */
export function createWebCryptoTokenHasher(): TokenHasher {
  return {
    generate: () => `rgs_${toBase64Url(crypto.getRandomValues(new Uint8Array(32)))}`,
    async hash(value) {
      return toHex(new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(value))));
    },
  };
}
