/**
 * createRegistrySource inside workerd: the OCI Distribution client (fetch, digest checks) pulls
 * an image from a registry on 127.0.0.1 (fixture-registry-setup.ts) and the walk inventories it.
 */

import { isDomainError } from "@regscan/core";
import { describe, expect, inject, it } from "vitest";
import { createRegistrySource, defaultCatalogers, finalizePackage, scanImageInventory } from "../../src/index.js";

const host = inject("fixtureRegistry");
const BASE_DIFF_ID = "sha256:a6be654cdcac68b657c91d93a043c930835d885e281fe9e40cd6e6516afe51ec";
const UPPER_DIFF_ID = "sha256:f80316575123c0f96e1d3c5e9582fa347c53ebd8091b01863b9791a245f5288a";

describe("createRegistrySource in workerd", () => {
  it("pulls a gzip + tar image over fetch and inventories it", async () => {
    const source = createRegistrySource({ ref: `docker://${host}/test/image:latest`, insecure: true });
    const inventory = await scanImageInventory(source, { catalogers: defaultCatalogers, finalize: finalizePackage });
    expect(inventory.artifact.layers.map((l) => l.diffId)).toEqual([BASE_DIFF_ID, UPPER_DIFF_ID]);
    expect(inventory.packages.map((p) => [p.name, p.version, p.layer])).toEqual([
      ["base-files", "12.4+deb12u11", BASE_DIFF_ID],
      ["zlib1g", "1:1.2.13.dfsg-1", BASE_DIFF_ID],
    ]);
  });

  it("fails with image_not_found for a tag the registry does not have", async () => {
    const source = createRegistrySource({ ref: `docker://${host}/test/image:missing`, insecure: true });
    const error = await source.resolve().catch((e: unknown) => e);
    expect(isDomainError(error) && error.code).toBe("image_not_found");
  });
});
