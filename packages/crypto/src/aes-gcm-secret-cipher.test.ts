import { isDomainError } from "@regscan/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createAesGcmSecretCipher } from "./aes-gcm-secret-cipher.js";
import { keyIdOf } from "./master-key.js";
import { describeSecretCipherContract } from "./secret-cipher-contract.js";

// Fixed test keys (not secrets): deterministic bytes.
const key1 = Uint8Array.from({ length: 32 }, (_, i) => i);
const key2 = Uint8Array.from({ length: 32 }, (_, i) => 255 - i);
const key3 = Uint8Array.from({ length: 32 }, (_, i) => (i * 7) % 256);
const BINDING = { orgId: "org-a", credentialId: "cred-1" };
const SECRET = "3f1c9a2e-5b7d-4e8f-9a0b-1c2d3e4f5a6b";

describeSecretCipherContract(() => createAesGcmSecretCipher({ keyRing: { active: key1 } }));
describeSecretCipherContract(() => createAesGcmSecretCipher({ keyRing: { active: key2, previous: [key1, key3] } }));

describe("AES-GCM envelope", () => {
  it("is v1.<keyId>.<iv>.<ciphertext> with a 96-bit IV and the key id of the active key", async () => {
    const cipher = await createAesGcmSecretCipher({ keyRing: { active: key1 } });
    const envelope = await cipher.encrypt(SECRET, BINDING);
    const [version, keyId, iv, ct] = envelope.split(".");
    expect(version).toBe("v1");
    expect(keyId).toBe(await keyIdOf(key1));
    expect(keyId).toMatch(/^[0-9a-f]{16}$/);
    expect(iv).toHaveLength(16); // 12 bytes in base64url
    expect(ct?.length).toBeGreaterThan(SECRET.length);
  });
});

describe("key ring rotation", () => {
  it("reads old envelopes with a previous key and flags them for re-encryption", async () => {
    const old = await createAesGcmSecretCipher({ keyRing: { active: key1 } });
    const rotated = await createAesGcmSecretCipher({ keyRing: { active: key2, previous: [key1] } });
    const before = await old.encrypt(SECRET, BINDING);
    expect(rotated.needsReencryption(before)).toBe(true);
    expect(await rotated.decrypt(before, BINDING)).toBe(SECRET);
    const after = await rotated.encrypt(SECRET, BINDING);
    expect(rotated.needsReencryption(after)).toBe(false);
    expect(after.split(".")[1]).toBe(await keyIdOf(key2));
  });

  it.each([
    {
      name: "the old key was dropped",
      ring: { active: key2 },
      message: /REGSCAN_MASTER_KEY changed\? Add the old key to REGSCAN_PREVIOUS_MASTER_KEYS/,
    },
    { name: "an unrelated key", ring: { active: key3, previous: [key2] }, message: /does not have/ },
  ])("explains what to check when $name", async ({ ring, message }) => {
    const envelope = await (await createAesGcmSecretCipher({ keyRing: { active: key1 } })).encrypt(SECRET, BINDING);
    const error = await (await createAesGcmSecretCipher({ keyRing: ring }))
      .decrypt(envelope, BINDING)
      .catch((e: unknown) => e);
    expect(isDomainError(error) && error.code).toBe("secret_undecryptable");
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain(SECRET);
    // The start-up check counts stored secrets by the key that sealed them.
    expect((error as { details?: unknown }).details).toEqual({ reason: "unknown_key", keyId: await keyIdOf(key1) });
  });

  it("flags malformed envelopes for re-encryption so a rotation run reports them", async () => {
    const cipher = await createAesGcmSecretCipher({ keyRing: { active: key1 } });
    expect(cipher.needsReencryption("garbage")).toBe(true);
  });

  it("rejects keys that are not 32 bytes", async () => {
    await expect(createAesGcmSecretCipher({ keyRing: { active: new Uint8Array(16) } })).rejects.toThrow(/32 bytes/);
  });
});

describe("property: any string round-trips under any binding", () => {
  it("decrypt(encrypt(s)) === s", async () => {
    const cipher = await createAesGcmSecretCipher({ keyRing: { active: key2, previous: [key1] } });
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: "binary", maxLength: 300 }),
        fc.string(),
        fc.string(),
        async (s, orgId, credentialId) => {
          const binding = { orgId, credentialId };
          expect(await cipher.decrypt(await cipher.encrypt(s, binding), binding)).toBe(s);
        },
      ),
      { numRuns: 200 },
    );
  });
});
