import { isDomainError } from "@regscan/core";
import { describe, expect, it } from "vitest";
import { parsePlatform, selectPlatform } from "./platform.js";

const index = [
  { id: "amd64", platform: { os: "linux", architecture: "amd64" } },
  { id: "armv6", platform: { os: "linux", architecture: "arm", variant: "v6" } },
  { id: "armv7", platform: { os: "linux", architecture: "arm", variant: "v7" } },
  { id: "arm64", platform: { os: "linux", architecture: "arm64", variant: "v8" } },
  { id: "attestation", platform: { os: "unknown", architecture: "unknown" } },
];

describe("platforms", () => {
  it.each([
    ["linux/amd64", { os: "linux", architecture: "amd64" }],
    ["Linux/ARM64/v8", { os: "linux", architecture: "arm64", variant: "v8" }],
  ])("parses %s", (text, expected) => expect(parsePlatform(text)).toEqual(expected));

  it.each(["linux", "linux/", "/amd64", "a/b/c/d", "linux/am d64"])("rejects %j", (text) => {
    expect(() => parsePlatform(text)).toThrow(expect.objectContaining({ code: "validation_failed" }));
  });

  it.each([
    ["linux/amd64", "amd64"],
    ["linux/arm64", "arm64"],
    ["linux/arm64/v8", "arm64"],
    ["linux/arm", "armv7"],
    ["linux/arm/v6", "armv6"],
  ])("selects %s from an index", (wanted, id) => {
    expect(selectPlatform(index, parsePlatform(wanted), "x").id).toBe(id);
  });

  it("lists the available platforms when the asked one is missing", () => {
    try {
      selectPlatform(index, parsePlatform("linux/s390x"), "ghcr.io/o/r:1");
      expect.unreachable();
    } catch (e) {
      expect(isDomainError(e) && e.code).toBe("image_not_found");
      expect((e as Error).message).toBe(
        "ghcr.io/o/r:1 has no image for platform linux/s390x; available: linux/amd64, linux/arm/v6, linux/arm/v7, linux/arm64/v8. Choose one with --platform.",
      );
    }
  });
});
