import type { SecretCipher } from "@regscan/core";
import { isDomainError } from "@regscan/core";
import { describe, expect, it } from "vitest";

const BINDING = { orgId: "org-a", credentialId: "cred-1" };
const SECRET = "3f1c9a2e-5b7d-4e8f-9a0b-1c2d3e4f5a6b";

const REASONS = ["malformed", "unknown_key", "authentication_failed"];

/** Expects `secret_undecryptable` with `details.reason` (one of `reasons`), never quoting the secret. */
async function expectUndecryptable(run: Promise<unknown>, reasons: string[] = REASONS): Promise<void> {
  const error = await run.then(
    () => null,
    (e: unknown) => e,
  );
  expect(isDomainError(error) && error.code).toBe("secret_undecryptable");
  expect(String((error as Error).message)).not.toContain(SECRET);
  expect(reasons).toContain((error as { details?: { reason?: unknown } }).details?.reason);
  expect(JSON.stringify((error as { details?: unknown }).details)).not.toContain(SECRET);
}

/** Flips one character of the envelope's last segment (the ciphertext). */
function tamper(envelope: string, at: number): string {
  const i = envelope.length - 1 - at;
  const c = envelope[i] === "A" ? "B" : "A";
  return envelope.slice(0, i) + c + envelope.slice(i + 1);
}

/** The behaviour every {@link SecretCipher} must have. `make` builds a fresh cipher. */
export function describeSecretCipherContract(make: () => Promise<SecretCipher> | SecretCipher): void {
  describe("SecretCipher contract", () => {
    it.each([
      { name: "a UUID secret key", plaintext: SECRET },
      { name: "an empty string", plaintext: "" },
      { name: "unicode", plaintext: "clé secrète 🔑 ключ" },
      { name: "a long value", plaintext: "x".repeat(10_000) },
    ])("round-trips $name", async ({ plaintext }) => {
      const cipher = await make();
      const envelope = await cipher.encrypt(plaintext, BINDING);
      expect(await cipher.decrypt(envelope, BINDING)).toBe(plaintext);
      expect(cipher.needsReencryption(envelope)).toBe(false);
    });

    it("never puts the plaintext in the envelope", async () => {
      const cipher = await make();
      const envelope = await cipher.encrypt(SECRET, BINDING);
      expect(envelope).not.toContain(SECRET);
      expect(envelope).not.toContain(SECRET.replace(/-/g, ""));
      expect(envelope).not.toContain(btoa(SECRET).slice(0, 16));
    });

    it("uses a fresh IV: the same secret encrypts differently every time", async () => {
      const cipher = await make();
      const envelopes = await Promise.all(Array.from({ length: 20 }, () => cipher.encrypt(SECRET, BINDING)));
      expect(new Set(envelopes).size).toBe(envelopes.length);
    });

    it.each([
      { name: "another credential", binding: { ...BINDING, credentialId: "cred-2" } },
      { name: "another organization", binding: { ...BINDING, orgId: "org-b" } },
      { name: "swapped fields", binding: { orgId: "cred-1", credentialId: "org-a" } },
      { name: "a shifted separator", binding: { orgId: "org-a\u0000", credentialId: "cred-1" } },
    ])("refuses to decrypt for $name", async ({ binding }) => {
      const cipher = await make();
      await expectUndecryptable(cipher.decrypt(await cipher.encrypt(SECRET, BINDING), binding), [
        "authentication_failed",
      ]);
    });

    it.each([0, 1, 5, 20])("detects tampering %i characters from the end", async (at) => {
      const cipher = await make();
      await expectUndecryptable(cipher.decrypt(tamper(await cipher.encrypt(SECRET, BINDING), at), BINDING), [
        "authentication_failed",
        "malformed",
      ]);
    });

    it.each([
      { name: "an empty string", envelope: "" },
      { name: "plain text", envelope: SECRET },
      { name: "a truncated envelope", cut: 30 },
      { name: "extra segments", suffix: ".AAAA" },
    ])("rejects $name as undecryptable", async ({ envelope, cut, suffix }) => {
      const cipher = await make();
      const valid = await cipher.encrypt(SECRET, BINDING);
      const bad = envelope ?? (cut ? valid.slice(0, valid.length - cut) : valid + (suffix ?? ""));
      await expectUndecryptable(cipher.decrypt(bad, BINDING), envelope !== undefined ? ["malformed"] : REASONS);
    });
  });
}
