import { DomainError } from "@regscan/core";
import { fromBase64, toHex } from "./base64.js";

/** Bytes in an AES-256 master key. */
export const MASTER_KEY_BYTES = 32;

/** The keys a cipher knows: the active one encrypts; older ones still decrypt until re-encrypted. */
export interface KeyRing {
  active: Uint8Array;
  previous?: Uint8Array[];
}

/**
 * Decodes a base64 master key and checks it is exactly 32 bytes. The error names the setting
 * (`source`) and says how to make a key; it never contains the value.
 */
export function parseMasterKey(base64: string, source = "REGSCAN_MASTER_KEY"): Uint8Array<ArrayBuffer> {
  const bytes = fromBase64(base64.trim());
  const fix = "generate one with `openssl rand -base64 32`";
  if (!bytes) {
    throw new DomainError(
      "validation_failed",
      `${source} is not valid base64: it must be 32 random bytes in base64 (${fix}).`,
      {
        setting: source,
      },
    );
  }
  if (bytes.length !== MASTER_KEY_BYTES) {
    throw new DomainError(
      "validation_failed",
      `${source} must decode to exactly ${MASTER_KEY_BYTES} bytes, got ${bytes.length} (${fix}).`,
      { setting: source },
    );
  }
  return bytes;
}

/**
 * Builds a key ring from `REGSCAN_MASTER_KEY` and the comma-separated
 * `REGSCAN_PREVIOUS_MASTER_KEYS` values (empty entries ignored).
 */
export function parseKeyRing(values: { masterKey: string; previousMasterKeys?: string | undefined }): KeyRing {
  return { active: parseMasterKey(values.masterKey), previous: parsePreviousMasterKeys(values.previousMasterKeys) };
}

/** Parses the comma-separated `REGSCAN_PREVIOUS_MASTER_KEYS` (unset or empty: no keys). */
export function parsePreviousMasterKeys(value: string | undefined): Uint8Array<ArrayBuffer>[] {
  return (value ?? "")
    .split(",")
    .map((v) => v.trim())
    .filter((v) => v.length > 0)
    .map((v, i) => parseMasterKey(v, `REGSCAN_PREVIOUS_MASTER_KEYS entry ${i + 1}`));
}

/**
 * A key's public id: the first 8 bytes (16 hex digits) of SHA-256 over a domain-separated copy of
 * the key, so envelopes say which key sealed them without any extra configuration.
 */
export async function keyIdOf(key: Uint8Array): Promise<string> {
  const label = new TextEncoder().encode("regscan master key id v1:");
  const input = new Uint8Array(label.length + key.length);
  input.set(label);
  input.set(key, label.length);
  const digest = await crypto.subtle.digest("SHA-256", input);
  return toHex(new Uint8Array(digest).slice(0, 8));
}
