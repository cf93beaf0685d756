import { describe, expect, it } from "vitest";
import { drain, domainFailure as failure } from "../../test/support/streams.js";
import { SKIP_REASON, testImages, testRegistry } from "../../test/support/test-images.js";
import { webSha256 } from "../walk/sha256.js";
import { MediaTypes } from "./media-types.js";
import { nodeSha256 } from "./node/node-sha256.js";
import { createRegistrySource, type RegistrySourceOptions } from "./registry-source.js";

const registry = testRegistry();
const images = testImages();

describe.skipIf(!registry || !images)(`registry source against docker-registry ${SKIP_REASON}`, () => {
  const r = registry!;
  const img = images!;
  const source = (ref: string, o: Partial<RegistrySourceOptions> = {}) =>
    createRegistrySource({
      ref: `docker://${r.host}/regscan/${ref}`,
      insecure: true,
      credentials: { username: r.username, password: r.password },
      sha256: nodeSha256,
      ...o,
    });

  it.each([
    ["base:latest", "base"],
    ["app:latest", "app"],
  ])("resolves %s with Basic auth to the OCI image that was pushed", async (ref, tag) => {
    const expected = img.describe(tag);
    const resolved = await source(ref).resolve();
    expect(resolved.ref).toBe(`${r.host}/regscan/${ref}`);
    expect(resolved.manifestDigest).toBe(expected.manifestDigest);
    expect(resolved.configDigest).toBe(expected.configDigest);
    expect(resolved.config.rootfs.diff_ids).toEqual(expected.diffIds);
    expect(resolved.layers).toEqual(expected.layers);
    expect(resolved.platform).toEqual({ os: "linux", architecture: "amd64" });
  });

  it("reads a Docker v2 schema 2 manifest (same diffIDs, docker media types)", async () => {
    const resolved = await source("base:v2s2").resolve();
    expect(resolved.config.rootfs.diff_ids).toEqual(img.describe("base").diffIds);
    expect(resolved.layers.map((l) => l.mediaType)).toEqual([MediaTypes.dockerLayerGzip]);
  });

  it("resolves by digest", async () => {
    const { manifestDigest } = img.describe("app");
    const resolved = await source(`app@${manifestDigest}`).resolve();
    expect(resolved.manifestDigest).toBe(manifestDigest);
  });

  it.each([
    ["node:crypto", nodeSha256],
    ["@noble/hashes", webSha256],
  ])("streams every layer of app with its digest verified (%s)", async (_name, sha256) => {
    const s = source("app:latest", { sha256 });
    const { layers } = await s.resolve();
    for (const layer of layers.slice(1)) expect(await drain(await s.openBlob(layer))).toBe(layer.size);
  });

  it.each([
    [undefined, "amd64", "base"],
    ["linux/amd64", "amd64", "base"],
    ["linux/arm64", "arm64", "arm64"],
    ["linux/arm64/v8", "arm64", "arm64"],
  ])("picks platform %s from the multi-arch index", async (platform, arch, tag) => {
    const resolved = await source("multi:latest", platform ? { platform } : {}).resolve();
    expect(resolved.platform.architecture).toBe(arch);
    expect(resolved.manifestDigest).toBe(img.describe(tag).manifestDigest);
  });

  it.each([
    [undefined, "amd64"],
    ["linux/arm64/v8", "arm64"],
  ])("picks platform %s from a Docker manifest list", async (platform, arch) => {
    const resolved = await source("multi:v2s2", platform ? { platform } : {}).resolve();
    expect(resolved.platform.architecture).toBe(arch);
    expect(resolved.config.architecture).toBe(arch);
    expect(resolved.layers[0]?.mediaType).toBe(MediaTypes.dockerLayerGzip);
  });

  it.each([
    ["multi:latest", { platform: "linux/s390x" }, "image_not_found", "available: linux/amd64, linux/arm64/v8"],
    ["base:latest", { platform: "linux/arm64" }, "image_not_found", "single-platform image for linux/amd64"],
    ["base:nope", {}, "tag_not_found", "has no tag nope"],
    ["missing:latest", {}, "image_not_found", "does not exist"],
    [`base@sha256:${"0".repeat(64)}`, {}, "image_not_found", "does not exist"],
    [
      "base:latest",
      { credentials: { username: "nologin", password: "wrong-password" } },
      "credential_invalid",
      "rejected the credentials",
    ],
    ["base:latest", { credentials: undefined }, "credential_invalid", "requires credentials"],
    ["app:latest", { limits: { maxLayers: 4 } }, "image_too_large", "5 layers; the limit is 4"],
    ["base:latest", { limits: { maxManifestBytes: 100 } }, "image_too_large", "manifest"],
    ["base:latest", { limits: { maxConfigBytes: 100 } }, "image_too_large", "config"],
    ["base:latest", { insecure: false }, "upstream_unavailable", `Cannot reach ${registry?.host}`],
  ] as const)("%s with %j fails with %s", async (ref, options, code, text) => {
    const error = await failure(source(ref, options as Partial<RegistrySourceOptions>).resolve());
    expect(error.code).toBe(code);
    expect(error.message).toContain(text);
    expect(error.message).not.toContain(r.password);
  });
});
