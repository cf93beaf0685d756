import { isDomainError } from "@regscan/core";
import { describe, expect, it } from "vitest";
import { registryReferenceFromPull } from "./pull-reference.js";

describe("registryReferenceFromPull", () => {
  it.each([
    ["rg.fr-par.scw.cloud", false, "rg.fr-par.scw.cloud"],
    ["http://127.0.0.1:5000", true, "127.0.0.1:5000"],
    ["https://registry-1.docker.io/", false, "docker.io"],
  ])("%s", (registry, insecure, expected) => {
    const { ref, insecure: plain } = registryReferenceFromPull({ registry, repository: "ns/app", reference: "1.0" });
    expect([ref.registry, plain]).toEqual([expected, insecure]);
  });

  it.each([["https://nologin:s3cret-key@rg.fr-par.scw.cloud"], ["127.0.0.1:99999"], ["http://u:s3cret-key@h:99999"]])(
    "refuses %s with validation_failed, never echoing a password",
    (registry) => {
      try {
        registryReferenceFromPull({ registry, repository: "ns/app", reference: "1.0" });
        expect.unreachable();
      } catch (e) {
        expect(isDomainError(e) && e.code).toBe("validation_failed");
        expect((e as Error).message).not.toContain("s3cret");
      }
    },
  );
});
