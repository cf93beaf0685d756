import { readFileSync } from "node:fs";
import { join } from "node:path";
import { isDomainError } from "@regscan/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseManifestDocument } from "./manifest-document.js";
import { MediaTypes } from "./media-types.js";

const FIXTURES = join(import.meta.dirname, "../../test/images/fixtures/manifests");
const fixture = (name: string) => new Uint8Array(readFileSync(join(FIXTURES, name)));
const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
const digest = (c: string) => `sha256:${c.repeat(64)}`;
const config = { mediaType: MediaTypes.ociConfig, digest: digest("c"), size: 10 };
const layer = { mediaType: MediaTypes.ociLayerGzip, digest: digest("d"), size: 20 };

function failure(bytes: Uint8Array, contentType?: string): { code: string; message: string } {
  try {
    parseManifestDocument(bytes, contentType, "The manifest of x");
  } catch (e) {
    if (isDomainError(e)) return { code: e.code, message: e.message };
    throw e;
  }
  throw new Error("expected a DomainError");
}

describe("parseManifestDocument on real manifests", () => {
  it.each([
    ["oci-manifest.json", "image", MediaTypes.ociManifest, 1],
    ["docker-manifest.json", "image", MediaTypes.dockerManifest, 1],
    ["oci-index.json", "index", MediaTypes.ociIndex, 2],
    ["docker-manifest-list.json", "index", MediaTypes.dockerManifestList, 2],
  ])("%s is an %s (%s) with %d entries", (name, kind, mediaType, count) => {
    const doc = parseManifestDocument(fixture(name), undefined, name);
    expect(doc.kind).toBe(kind);
    expect(doc.mediaType).toBe(mediaType);
    expect(doc.kind === "index" ? doc.manifests.length : doc.layers.length).toBe(count);
  });

  it("keeps index platforms", () => {
    const doc = parseManifestDocument(fixture("docker-manifest-list.json"), undefined, "x");
    expect(doc.kind === "index" && doc.manifests.map((m) => m.platform)).toEqual([
      { os: "linux", architecture: "amd64" },
      { os: "linux", architecture: "arm64", variant: "v8" },
    ]);
  });

  it.each([
    ["docker-schema1.json", MediaTypes.dockerSchema1Signed, "image_unsupported", "schema 1"],
    ["docker-schema1.json", undefined, "image_unsupported", "schema 1"],
    ["empty.json", undefined, "scan_failed", "not valid JSON"],
    ["truncated.json", undefined, "scan_failed", "not valid JSON"],
  ])("%s (Content-Type %s) fails with %s", (name, contentType, code, text) => {
    expect(failure(fixture(name), contentType)).toMatchObject({ code, message: expect.stringContaining(text) });
  });
});

describe("parseManifestDocument on broken documents", () => {
  it.each([
    [
      "an artifact",
      { schemaVersion: 2, config: { ...config, mediaType: "application/vnd.cncf.helm.config.v1+json" }, layers: [] },
      "image_unsupported",
      "not a container image",
    ],
    [
      "encrypted layers",
      { schemaVersion: 2, config, layers: [{ ...layer, mediaType: `${MediaTypes.ociLayerGzip}+encrypted` }] },
      "image_unsupported",
      "encrypted",
    ],
    [
      "an unknown layer type",
      { schemaVersion: 2, config, layers: [{ ...layer, mediaType: "application/wasm" }] },
      "image_unsupported",
      "application/wasm",
    ],
    [
      "a sha512 digest",
      { schemaVersion: 2, config, layers: [{ ...layer, digest: `sha512:${"a".repeat(128)}` }] },
      "image_unsupported",
      "only sha256",
    ],
    ["a negative size", { schemaVersion: 2, config, layers: [{ ...layer, size: -1 }] }, "scan_failed", "invalid size"],
    ["no layers", { schemaVersion: 2, config }, "scan_failed", "no layers"],
    ["no schemaVersion", { config, layers: [] }, "scan_failed", "schemaVersion 2"],
    [
      "an index without manifests",
      { schemaVersion: 2, mediaType: MediaTypes.ociIndex },
      "scan_failed",
      "without manifests",
    ],
    ["not an object", [1, 2], "scan_failed", "schemaVersion"],
    ["null", null, "scan_failed", "not a JSON object"],
  ])("%s", (_name, doc, code, text) => {
    expect(failure(json(doc))).toMatchObject({ code, message: expect.stringContaining(text) });
  });

  it("throws only DomainErrors on arbitrary JSON", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.jsonValue(),
          fc.record({
            schemaVersion: fc.constant(2),
            config: fc.jsonValue(),
            layers: fc.jsonValue(),
            manifests: fc.jsonValue(),
          }),
        ),
        (value) => {
          try {
            parseManifestDocument(json(value), undefined, "x");
          } catch (e) {
            expect(isDomainError(e)).toBe(true);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
});
