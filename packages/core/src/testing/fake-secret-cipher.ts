import { DomainError } from "../errors/domain-error.js";
import type { SecretCipher, UndecryptableReason } from "../ports/secret-cipher.js";

/** A SecretCipher fake whose key ring can be rotated from a test. */
export interface FakeSecretCipher extends SecretCipher {
  /** Makes `keyId` the active key; the previous active key stays readable. */
  rotate(keyId: string): void;
  /** Drops a key: envelopes sealed with it become undecryptable. */
  forget(keyId: string): void;
}

function toB64(text: string): string {
  let bin = "";
  for (const b of new TextEncoder().encode(text)) bin += String.fromCharCode(b);
  return btoa(bin);
}

function fromB64(b64: string): string {
  return new TextDecoder().decode(Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)));
}

/** FNV-1a (32 bit): an integrity check that catches tampering in tests, nothing more. */
function checksum(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, "0");
}

function undecryptable(why: string, reason: UndecryptableReason, keyId?: string): DomainError {
  return new DomainError("secret_undecryptable", `The stored secret cannot be decrypted (${why}).`, {
    reason,
    ...(keyId ? { keyId } : {}),
  });
}

/**
 * NOT encryption: a binding-checked, key-id-carrying encoding so core tests can exercise rotation,
 * re-encryption and the "moved to another row" failure without Web Crypto keys.
 * Envelope: `fake.<keyId>.<counter>.<base64 of JSON>.<checksum>`; it passes the SecretCipher
 * contract (run in packages/crypto), so core tests can trust it.
 */
export function createFakeSecretCipher(options: { activeKeyId?: string } = {}): FakeSecretCipher {
  let active = options.activeKeyId ?? "k1";
  const known = new Set([active]);
  let counter = 0;
  return {
    async encrypt(plaintext, binding) {
      const body = toB64(JSON.stringify({ o: binding.orgId, c: binding.credentialId, p: toB64(plaintext) }));
      const sealed = `fake.${active}.${++counter}.${body}`;
      return `${sealed}.${checksum(sealed)}`;
    },
    async decrypt(envelope, binding) {
      const parts = envelope.split(".");
      const [tag, keyId, , body, sum] = parts;
      if (parts.length !== 5 || tag !== "fake" || !keyId || !body)
        throw undecryptable("malformed envelope", "malformed");
      if (sum !== checksum(parts.slice(0, 4).join(".")))
        throw undecryptable("tampered envelope", "authentication_failed", keyId);
      if (!known.has(keyId)) throw undecryptable(`unknown key ${keyId}`, "unknown_key", keyId);
      let parsed: { o: string; c: string; p: string };
      try {
        parsed = JSON.parse(fromB64(body));
      } catch {
        // The checksum matched, so only a forged envelope gets here.
        throw undecryptable("malformed envelope", "malformed", keyId);
      }
      if (parsed.o !== binding.orgId || parsed.c !== binding.credentialId)
        throw undecryptable("bound to another credential", "authentication_failed", keyId);
      return fromB64(parsed.p);
    },
    needsReencryption(envelope) {
      return envelope.split(".")[1] !== active;
    },
    rotate(keyId) {
      active = keyId;
      known.add(keyId);
    },
    forget(keyId) {
      known.delete(keyId);
    },
  };
}
