import { describe, expect, it } from "vitest";
import type { ImagePackage } from "../model.js";
import type { EcosystemStatus } from "./advisory-store.js";
import { missingEcosystems } from "./missing-ecosystems.js";

const pkg = (name: string, ecosystem: string): ImagePackage => ({
  name,
  version: "1",
  type: "deb",
  ecosystem,
  purl: `pkg:generic/${name}`,
  path: "/x",
  layer: "sha256:0",
});
const status = (ecosystem: string, records: number): EcosystemStatus => ({
  ecosystem,
  records,
  lastModified: null,
  importedAt: null,
});

describe("missingEcosystems", () => {
  it.each([
    { name: "everything imported", db: [status("Debian", 10), status("npm", 3)], expected: [] },
    {
      name: "an empty database",
      db: [],
      expected: [
        { ecosystem: "Debian", packages: 2 },
        { ecosystem: "npm", packages: 1 },
      ],
    },
    {
      name: "an ecosystem imported with 0 records",
      db: [status("Debian", 10), status("npm", 0)],
      expected: [{ ecosystem: "npm", packages: 1 }],
    },
    { name: "a release-qualified status entry", db: [status("Debian:12", 4), status("npm", 1)], expected: [] },
  ])("$name", ({ db, expected }) => {
    const packages = [pkg("zlib1g", "Debian:12"), pkg("libc6", "Debian:12"), pkg("ms", "npm")];
    expect(missingEcosystems(packages, db)).toEqual(expected);
  });
});
