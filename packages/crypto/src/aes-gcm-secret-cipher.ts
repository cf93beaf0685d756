import { DomainError, type SecretBinding, type SecretCipher, type UndecryptableReason } from "@regscan/core";
import { fromBase64Url, toBase64Url } from "./base64.js";
import { type KeyRing, keyIdOf, MASTER_KEY_BYTES } from "./master-key.js";

const VERSION = "v1";
const IV_BYTES = 12;
/** GCM tag (16) plus at least nothing: anything shorter cannot be ours. */
const MIN_CIPHERTEXT_BYTES = 16;

/**
 * Additional authenticated data: an unambiguous encoding of the owner (a JSON array), so a
 * ciphertext copied onto another credential or organization fails to authenticate.
 */
export function encodeBinding(binding: SecretBinding): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(JSON.stringify(["regscan.credential.v1", binding.orgId, binding.credentialId]));
}

interface Envelope {
  keyId: string;
  iv: Uint8Array<ArrayBuffer>;
  ciphertext: Uint8Array<ArrayBuffer>;
}

function parseEnvelope(envelope: string): Envelope | null {
  const parts = envelope.split(".");
  if (parts.length !== 4 || parts[0] !== VERSION) return null;
  const [, keyId = "", ivText = "", ctText = ""] = parts;
  const iv = fromBase64Url(ivText);
  const ciphertext = fromBase64Url(ctText);
  if (
    !/^[0-9a-f]{16}$/.test(keyId) ||
    !iv ||
    iv.length !== IV_BYTES ||
    !ciphertext ||
    ciphertext.length < MIN_CIPHERTEXT_BYTES
  ) {
    return null;
  }
  return { keyId, iv, ciphertext };
}

function undecryptable(message: string, details: { reason: UndecryptableReason; keyId?: string }): DomainError {
  return new DomainError("secret_undecryptable", message, details);
}

async function importKey(raw: Uint8Array): Promise<CryptoKey> {
  if (raw.length !== MASTER_KEY_BYTES)
    throw new TypeError(`AES-256 keys are ${MASTER_KEY_BYTES} bytes, got ${raw.length}`);
  return crypto.subtle.importKey("raw", new Uint8Array(raw), "AES-GCM", false, ["encrypt", "decrypt"]);
}

/**
 * AES-256-GCM SecretCipher over Web Crypto. Envelope: `v1.<keyId>.<base64url iv>.<base64url
 * ciphertext+tag>` with a fresh random 96-bit IV per encryption and the (orgId, credentialId)
 * binding as AAD. Every decryption failure is DomainError `secret_undecryptable` saying what to
 * check, never the secret.
 */
export async function createAesGcmSecretCipher(options: { keyRing: KeyRing }): Promise<SecretCipher> {
  const raws = [options.keyRing.active, ...(options.keyRing.previous ?? [])];
  const keys = new Map<string, CryptoKey>();
  for (const raw of raws) {
    const id = await keyIdOf(raw);
    if (!keys.has(id)) keys.set(id, await importKey(raw));
  }
  const activeId = await keyIdOf(options.keyRing.active);
  const activeKey = keys.get(activeId);
  if (!activeKey) throw new Error("active key missing from key ring");

  return {
    async encrypt(plaintext, binding) {
      const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
      const sealed = await crypto.subtle.encrypt(
        { name: "AES-GCM", iv, additionalData: encodeBinding(binding), tagLength: 128 },
        activeKey,
        new TextEncoder().encode(plaintext),
      );
      return `${VERSION}.${activeId}.${toBase64Url(iv)}.${toBase64Url(new Uint8Array(sealed))}`;
    },

    async decrypt(envelope, binding) {
      const parsed = parseEnvelope(envelope);
      if (!parsed) {
        throw undecryptable(
          "The stored secret is not a valid regscan ciphertext (malformed envelope): the row was altered outside regscan. Store the secret again (rotate it).",
          { reason: "malformed" },
        );
      }
      const key = keys.get(parsed.keyId);
      if (!key) {
        throw undecryptable(
          `The stored secret was encrypted with master key ${parsed.keyId}, which this server does not have. Was REGSCAN_MASTER_KEY changed? Add the old key to REGSCAN_PREVIOUS_MASTER_KEYS.`,
          { reason: "unknown_key", keyId: parsed.keyId },
        );
      }
      let opened: ArrayBuffer;
      try {
        opened = await crypto.subtle.decrypt(
          { name: "AES-GCM", iv: parsed.iv, additionalData: encodeBinding(binding), tagLength: 128 },
          key,
          parsed.ciphertext,
        );
      } catch {
        throw undecryptable(
          "The stored secret failed authentication: it was modified, or copied from another credential. Store the secret again (rotate it).",
          { reason: "authentication_failed", keyId: parsed.keyId },
        );
      }
      return new TextDecoder("utf-8", { fatal: true }).decode(opened);
    },

    needsReencryption(envelope) {
      return parseEnvelope(envelope)?.keyId !== activeId;
    },
  };
}
