import { createFakeSecretCipher } from "@regscan/core/testing";
import { describe } from "vitest";
import { describeSecretCipherContract } from "./secret-cipher-contract.js";

// STYLE.md: every fake runs its port's contract, so core tests that use it can trust it.
describe("core's fake SecretCipher", () => {
  describeSecretCipherContract(() => createFakeSecretCipher());
});
