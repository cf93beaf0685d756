import { describe, expect, it } from "vitest";
import { cliEnv, listOf } from "./cli-env.js";

describe("cliEnv", () => {
  it("keeps the variables it knows, drops the others, and treats empty values as unset (but a password)", () => {
    const env = cliEnv({
      REGSCAN_CACHE_DIR: "/c",
      NO_COLOR: "",
      REGSCAN_REGISTRY_PASSWORD: "",
      PATH: "/bin",
      AWS_SECRET_ACCESS_KEY: "x",
    });
    expect(env).toEqual({ REGSCAN_CACHE_DIR: "/c", REGSCAN_REGISTRY_PASSWORD: "" });
  });

  it("parses an environment object once", () => {
    const raw = { REGSCAN_DB_URL: "file:/a.db" };
    expect(cliEnv(raw)).toBe(cliEnv(raw));
  });

  it.each([
    ["REGSCAN_REGISTRY_HOSTS", "ghcr.io,,127.0.0.1:5000, [::1]", true],
    ["REGSCAN_REGISTRY_HOSTS", "ghcr.io/ns", false],
    ["REGSCAN_TRUSTED_TOKEN_HOSTS", "auth.example, auth.example:8443, https://auth.example:8443", true],
    ["REGSCAN_TRUSTED_TOKEN_HOSTS", "https://auth.example/token", false],
    ["REGSCAN_TRUSTED_TOKEN_HOSTS", "https://user:pw@auth.example", false],
  ])("%s=%j valid: %s", (name, value, valid) => {
    const parse = () => cliEnv({ [name]: value });
    if (valid) expect(parse).not.toThrow();
    else expect(parse).toThrow(new RegExp(`^Invalid environment: ${name}: `));
  });

  it("names every bad variable at once", () => {
    expect(() => cliEnv({ REGSCAN_REGISTRY_HOSTS: "a/b", REGSCAN_TRUSTED_TOKEN_HOSTS: "https://x/y" })).toThrow(
      /^Invalid environment: REGSCAN_REGISTRY_HOSTS: "a\/b" is not host or host:port; REGSCAN_TRUSTED_TOKEN_HOSTS: "https:\/\/x\/y" is not an origin/,
    );
  });

  it("never echoes a secret variable", () => {
    expect(() => cliEnv({ REGSCAN_TRUSTED_TOKEN_HOSTS: "https://user:pw@auth.example" })).not.toThrow(/pw/);
  });

  it("splits lists", () => {
    expect(listOf(" a, ,b ,")).toEqual(["a", "b"]);
    expect(listOf(undefined)).toEqual([]);
  });
});
