import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { webSha256 } from "../walk/sha256.js";
import { endsBoundedly, mutationsOf, PROPERTY_SEED } from "../walk/test-support/byte-mutations.js";
import { parseManifestDocument } from "./manifest-document.js";
import { MediaTypes } from "./media-types.js";
import { DEFAULT_PLATFORM } from "./platform.js";
import { type ManifestStore, parseImageConfig, resolveImage } from "./resolve-image.js";
import { DEFAULT_SOURCE_LIMITS } from "./source-limits.js";

const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
const digest = (c: string) => `sha256:${c.repeat(64)}`;
const manifest = json({
  schemaVersion: 2,
  mediaType: MediaTypes.ociManifest,
  config: { mediaType: "application/vnd.oci.image.config.v1+json", digest: digest("c"), size: 100 },
  layers: [{ mediaType: "application/vnd.oci.image.layer.v1.tar+gzip", digest: digest("1"), size: 10 }],
});
const index = json({
  schemaVersion: 2,
  mediaType: MediaTypes.ociIndex,
  manifests: [
    {
      mediaType: MediaTypes.ociManifest,
      digest: digest("a"),
      size: 100,
      platform: { os: "linux", architecture: "amd64" },
    },
    {
      mediaType: MediaTypes.ociManifest,
      digest: digest("b"),
      size: 100,
      platform: { os: "linux", architecture: "arm64" },
    },
  ],
});
const config = json({ architecture: "amd64", os: "linux", rootfs: { type: "layers", diff_ids: [digest("d")] } });
const CODES = ["result", "scan_failed", "image_unsupported", "image_too_large", "image_not_found"];

describe("manifest, index and config parsing on random and damaged documents", () => {
  it.each([
    ["manifest", manifest],
    ["index", index],
  ])("parseManifestDocument of a damaged %s ends with a DomainError or a result", async (_name, doc) => {
    await fc.assert(
      fc.asyncProperty(
        mutationsOf(doc, 512),
        fc.constantFrom(undefined, MediaTypes.ociManifest, MediaTypes.ociIndex),
        async (bytes, type) => {
          expect(CODES).toContain(await endsBoundedly(async () => parseManifestDocument(bytes, type, "t")));
        },
      ),
      { seed: PROPERTY_SEED, numRuns: 200 },
    );
  });

  it("parseImageConfig of a damaged config ends with a DomainError or a result", async () => {
    await fc.assert(
      fc.asyncProperty(mutationsOf(config, 512), async (bytes) => {
        expect(CODES).toContain(await endsBoundedly(async () => parseImageConfig(bytes, 1, "t")));
      }),
      { seed: PROPERTY_SEED, numRuns: 200 },
    );
  });

  it("resolveImage over damaged index, manifest and config ends with a DomainError or a result", async () => {
    await fc.assert(
      fc.asyncProperty(
        mutationsOf(index, 512),
        mutationsOf(manifest, 512),
        mutationsOf(config, 512),
        async (i, m, c) => {
          const store: ManifestStore = {
            fetchManifest: async (reference) => ({ bytes: reference === "latest" ? i : m }),
            fetchBlob: async () => c,
          };
          const outcome = await endsBoundedly(() =>
            resolveImage(store, {
              ref: "t",
              reference: "latest",
              platform: DEFAULT_PLATFORM,
              explicitPlatform: false,
              limits: DEFAULT_SOURCE_LIMITS,
              sha256: webSha256,
            }),
          );
          expect(CODES).toContain(outcome);
        },
      ),
      { seed: PROPERTY_SEED, numRuns: 200 },
    );
  });
});
