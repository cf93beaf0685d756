// Public surface of @regscan/crypto (Web Crypto only; Node-only helpers live in ./node).
export { createAesGcmSecretCipher, encodeBinding } from "./aes-gcm-secret-cipher.js";
export {
  type KeyRing,
  keyIdOf,
  MASTER_KEY_BYTES,
  parseKeyRing,
  parseMasterKey,
  parsePreviousMasterKeys,
} from "./master-key.js";
export { createWebCryptoTokenHasher } from "./web-crypto-token-hasher.js";
