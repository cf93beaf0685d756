import { describe, expect, it } from "vitest";
import { validateCredentialInput, validateSecretRotation } from "./validate-credential-input.js";

const SECRET = "3f1c9a2e-5b7d-4e8f-9a0b-1c2d3e4f5a6b";
const valid = {
  provider: "scaleway",
  scalewayProjectId: "d4c3139f-3010-4e5f-9e73-0f2df2d242f0",
  region: "fr-par",
  namespace: "my-namespace",
  secretKey: SECRET,
  description: "prod registry",
};

describe("validateCredentialInput", () => {
  it("accepts a valid body and normalises a missing description to null", () => {
    expect(validateCredentialInput(valid)).toEqual(valid);
    const { description: _, ...noDescription } = valid;
    expect(validateCredentialInput(noDescription).description).toBeNull();
  });

  it.each([
    { name: "minimum length", namespace: "abcd" },
    { name: "maximum length", namespace: `a${"b".repeat(53)}` },
    { name: "digits and hyphens", namespace: "team-42-images" },
    { name: "ends with a digit", namespace: "build1" },
  ])("accepts the namespace with $name", ({ namespace }) => {
    expect(validateCredentialInput({ ...valid, namespace }).namespace).toBe(namespace);
  });

  it.each([
    {
      name: "uppercase letters",
      patch: { namespace: "My-Namespace" },
      path: "namespace",
      message: /namespaces are lowercase/,
    },
    { name: "a namespace too short", patch: { namespace: "abc" }, path: "namespace", message: /4 to 54 characters/ },
    {
      name: "a namespace too long",
      patch: { namespace: "a".repeat(55) },
      path: "namespace",
      message: /4 to 54 characters/,
    },
    {
      name: "an underscore",
      patch: { namespace: "my_namespace" },
      path: "namespace",
      message: /only lowercase letters, digits and hyphens/,
    },
    { name: "a dot", patch: { namespace: "my.namespace" }, path: "namespace", message: /only lowercase letters/ },
    {
      name: "a leading digit",
      patch: { namespace: "1namespace" },
      path: "namespace",
      message: /start with a lowercase letter/,
    },
    {
      name: "a leading hyphen",
      patch: { namespace: "-namespace" },
      path: "namespace",
      message: /start with a lowercase letter/,
    },
    {
      name: "a trailing hyphen",
      patch: { namespace: "namespace-" },
      path: "namespace",
      message: /end with a letter or a digit/,
    },
    { name: "a non-string namespace", patch: { namespace: 42 }, path: "namespace", message: /string/ },
    { name: "another provider", patch: { provider: "aws" }, path: "provider", message: /scaleway/ },
    {
      name: "a bad project id",
      patch: { scalewayProjectId: "my-project" },
      path: "scalewayProjectId",
      message: /UUID/,
    },
    { name: "an unknown region", patch: { region: "fr-par-1" }, path: "region", message: /fr-par, nl-ams, pl-waw/ },
    { name: "a secret key that is not a UUID", patch: { secretKey: "not-a-uuid" }, path: "secretKey", message: /UUID/ },
    {
      name: "an access key as secret",
      patch: { secretKey: "SCWABCDEFGHIJKLMNOPQ" },
      path: "secretKey",
      message: /access key/,
    },
    {
      name: "a description over 255 chars",
      patch: { description: "x".repeat(256) },
      path: "description",
      message: /255/,
    },
    { name: "an unknown field", patch: { accessKey: "SCWX" }, path: "accessKey", message: /Unknown field/ },
    {
      name: "a description with a terminal escape",
      patch: { description: "prod \u001b]8;;http://x\u0007" },
      path: "description",
      message: /U\+001B .*position 6/,
    },
    {
      name: "a description with a C1 control",
      patch: { description: "prod\u0085" },
      path: "description",
      message: /U\+0085/,
    },
    {
      name: "a description with a bidi override",
      patch: { description: "\u202eprod" },
      path: "description",
      message: /U\+202E .*position 1/,
    },
  ])("rejects $name", ({ patch, path, message }) => {
    try {
      validateCredentialInput({ ...valid, ...patch });
      expect.unreachable();
    } catch (e) {
      expect(e).toMatchObject({ code: "validation_failed" });
      const fields = (e as { details: { fields: { path: string; message: string }[] } }).details.fields;
      expect(fields).toEqual([{ path, message: expect.stringMatching(message) }]);
    }
  });

  it.each([
    { name: "a missing body", input: undefined },
    { name: "an array", input: [] },
    { name: "missing fields", input: { provider: "scaleway" } },
  ])("rejects $name", ({ input }) => {
    expect(() => validateCredentialInput(input)).toThrow(expect.objectContaining({ code: "validation_failed" }));
  });

  it("never echoes a secret key in its errors", () => {
    const secret = "secret-value-that-is-not-a-uuid";
    for (const patch of [
      { secretKey: secret },
      { namespace: secret.toUpperCase(), secretKey: secret },
      { description: 5, secretKey: secret },
    ]) {
      try {
        validateCredentialInput({ ...valid, ...patch });
        expect.unreachable();
      } catch (e) {
        expect(JSON.stringify({ m: (e as Error).message, d: (e as { details: unknown }).details })).not.toContain(
          secret,
        );
      }
    }
  });
});

describe("validateSecretRotation", () => {
  it.each([
    { name: "a valid key", input: { secretKey: SECRET }, ok: true },
    { name: "a bad key", input: { secretKey: "x" }, ok: false },
    { name: "an extra field", input: { secretKey: SECRET, namespace: "abcd" }, ok: false },
  ])("$name → ok=$ok", ({ input, ok }) => {
    if (ok) expect(validateSecretRotation(input)).toEqual(input);
    else expect(() => validateSecretRotation(input)).toThrow(expect.objectContaining({ code: "validation_failed" }));
  });
});
