import type { EncryptedSecret } from "../model/credential.js";

/** What a ciphertext is bound to: a row copied onto another credential fails to decrypt. */
export interface SecretBinding {
  orgId: string;
  credentialId: string;
}

/**
 * Why a stored secret cannot be decrypted: `details.reason` of a `secret_undecryptable` error,
 * with `details.keyId` (the key that sealed it) when the envelope names one.
 */
export type UndecryptableReason = "malformed" | "unknown_key" | "authentication_failed";

/**
 * Authenticated encryption of credential secrets (AES-256-GCM in production).
 * Failures to authenticate throw DomainError `secret_undecryptable` with
 * `details: {reason: UndecryptableReason, keyId?}`, never return garbage.
 */
export interface SecretCipher {
  encrypt(plaintext: string, binding: SecretBinding): Promise<EncryptedSecret>;
  decrypt(envelope: EncryptedSecret, binding: SecretBinding): Promise<string>;
  /** True when the envelope was sealed with a key other than the active one. */
  needsReencryption(envelope: EncryptedSecret): boolean;
}
