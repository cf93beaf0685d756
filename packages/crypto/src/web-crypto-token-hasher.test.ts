import { describe, expect, it } from "vitest";
import { createWebCryptoTokenHasher } from "./web-crypto-token-hasher.js";

describe("createWebCryptoTokenHasher", () => {
  it("generates rgs_ + 32 random bytes in base64url, never twice the same", () => {
    const hasher = createWebCryptoTokenHasher();
    const values = Array.from({ length: 50 }, () => hasher.generate());
    for (const v of values) expect(v).toMatch(/^rgs_[A-Za-z0-9_-]{43}$/);
    expect(new Set(values).size).toBe(values.length);
  });

  it.each([
    { value: "", hash: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" },
    { value: "abc", hash: "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" },
  ])("hashes $value to lowercase hex SHA-256", async ({ value, hash }) => {
    expect(await createWebCryptoTokenHasher().hash(value)).toBe(hash);
  });
});
