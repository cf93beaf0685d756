import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { domainFailure, drain } from "../../../test/support/streams.js";
import { SKIP_REASON, testImages, testRegistry } from "../../../test/support/test-images.js";
import { layerFixture } from "../../walk/test-support/memory-image-source.js";
import { MediaTypes } from "../media-types.js";
import { createDockerArchiveSource } from "./docker-archive-source.js";
import { createOciLayoutSource } from "./oci-layout-source.js";
import { openImageSource } from "./open-image-source.js";
import { writeOciLayout } from "./test-support/write-oci-layout.js";

const images = testImages();
const registry = testRegistry();

describe.skipIf(!images)(`OCI layout and docker-archive sources on the real test images ${SKIP_REASON}`, () => {
  const img = images!;

  it.each(["base", "app", "arm64"])("oci:%s resolves to the image the layout describes", async (tag) => {
    const expected = img.describe(tag);
    const resolved = await openImageSource(`oci:${img.ociDir}:${tag}`).resolve();
    expect(resolved.manifestDigest).toBe(expected.manifestDigest);
    expect(resolved.configDigest).toBe(expected.configDigest);
    expect(resolved.config.rootfs.diff_ids).toEqual(expected.diffIds);
    expect(resolved.layers).toEqual(expected.layers);
  });

  it.each([
    [undefined, "base"],
    ["linux/arm64", "arm64"],
  ])("oci multi-arch index with platform %s picks %s", async (platform, tag) => {
    const resolved = await createOciLayoutSource(img.ociDir, "multi", platform ? { platform } : {}).resolve();
    expect(resolved.manifestDigest).toBe(img.describe(tag).manifestDigest);
  });

  it.each(["base", "app"] as const)("docker-archive %s: plain tar layers whose digest is the diffID", async (tag) => {
    const expected = img.describe(tag);
    const source = openImageSource(`docker-archive:${img.dockerArchive(tag)}`);
    const resolved = await source.resolve();
    expect(resolved.configDigest).toBe(expected.configDigest);
    expect(resolved.manifestDigest).toBe(expected.configDigest);
    expect(resolved.config.rootfs.diff_ids).toEqual(expected.diffIds);
    expect(resolved.layers.map((l) => l.digest)).toEqual(expected.diffIds);
    expect(resolved.layers.every((l) => l.mediaType === MediaTypes.dockerLayer)).toBe(true);
    for (const layer of resolved.layers.slice(-2)) expect(await drain(await source.openBlob(layer))).toBe(layer.size);
  });

  it.each([
    ["regscan/app:latest", "app"],
    ["docker.io/regscan/app", "app"],
    ["@0", "app"],
  ])("docker-archive image selection %s", async (image, tag) => {
    const resolved = await createDockerArchiveSource(img.dockerArchive("app"), { image }).resolve();
    expect(resolved.configDigest).toBe(img.describe(tag).configDigest);
  });

  it("streams every oci layer of app with its digest verified", async () => {
    const source = createOciLayoutSource(img.ociDir, "app");
    const { layers } = await source.resolve();
    for (const layer of layers) expect(await drain(await source.openBlob(layer))).toBe(layer.size);
  });

  it.skipIf(!registry)("registry, OCI layout and docker-archive agree on the app image's layers", async () => {
    const r = registry!;
    const [fromRegistry, fromLayout, fromArchive] = await Promise.all([
      openImageSource(`docker://${r.host}/regscan/app:latest`, {
        insecure: true,
        credentials: { username: r.username, password: r.password },
      }).resolve(),
      openImageSource(`oci:${img.ociDir}:app`).resolve(),
      openImageSource(`docker-archive:${img.dockerArchive("app")}`).resolve(),
    ]);
    expect(fromLayout.layers).toEqual(fromRegistry.layers);
    expect(fromLayout.config).toEqual(fromRegistry.config);
    expect(fromArchive.config.rootfs.diff_ids).toEqual(fromRegistry.config.rootfs.diff_ids);
    expect(fromArchive.configDigest).toBe(fromRegistry.configDigest);
  });

  it.each([
    [() => createOciLayoutSource(img.ociDir, "nope"), "tag_not_found", "tags: base, app, arm64, multi"],
    [() => createOciLayoutSource(img.ociDir), "validation_failed", "holds 4 images"],
    [() => createOciLayoutSource(img.ociDir, "multi", { platform: "linux/s390x" }), "image_not_found", "available"],
    [
      () => createDockerArchiveSource(img.dockerArchive("app"), { image: "other:1" }),
      "image_not_found",
      "names: docker.io/regscan/app:latest",
    ],
    [
      () => createDockerArchiveSource(img.dockerArchive("app"), { platform: "linux/arm64" }),
      "image_not_found",
      "linux/amd64",
    ],
    [
      () => createDockerArchiveSource(img.dockerArchive("app"), { limits: { maxLayers: 2 } }),
      "image_too_large",
      "limit is 2",
    ],
  ])("fails clearly (%#: %s)", async (make, code, text) => {
    const error = await domainFailure(make().resolve());
    expect(error.code).toBe(code);
    expect(error.message).toContain(text);
  });
});

describe("file sources on broken inputs", () => {
  const root = mkdtempSync(join(tmpdir(), "regscan-sources-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const layout = (name: string, index: string | undefined) => {
    const dir = join(root, name);
    mkdirSync(join(dir, "blobs", "sha256"), { recursive: true });
    writeFileSync(join(dir, "oci-layout"), '{"imageLayoutVersion":"1.0.0"}');
    if (index !== undefined) writeFileSync(join(dir, "index.json"), index);
    return dir;
  };
  const file = (name: string, content: Uint8Array | string) => {
    writeFileSync(join(root, name), content);
    return join(root, name);
  };
  const missingManifest = JSON.stringify({
    schemaVersion: 2,
    manifests: [{ mediaType: MediaTypes.ociManifest, digest: `sha256:${"b".repeat(64)}`, size: 10 }],
  });

  it.each([
    ["a directory without oci-layout", () => createOciLayoutSource(root), "scan_failed", "not an OCI image layout"],
    [
      "corrupt index.json",
      () => createOciLayoutSource(layout("corrupt", "{not json")),
      "scan_failed",
      "not valid JSON",
    ],
    [
      "empty layout",
      () => createOciLayoutSource(layout("empty", '{"schemaVersion":2,"manifests":[]}')),
      "image_not_found",
      "holds no image",
    ],
    [
      "missing manifest blob",
      () => createOciLayoutSource(layout("missing", missingManifest)),
      "scan_failed",
      "Cannot read",
    ],
    ["missing archive", () => createDockerArchiveSource(join(root, "nope.tar")), "scan_failed", "Cannot open"],
    ["empty archive", () => createDockerArchiveSource(file("empty.tar", "")), "scan_failed", "lacks its manifest.json"],
    [
      "not a tar",
      () => createDockerArchiveSource(file("junk.tar", new Uint8Array(2048).fill(7))),
      "scan_failed",
      "not a valid tar",
    ],
  ])("%s", async (_name, make, code, text) => {
    const error = await domainFailure(make().resolve());
    expect(error.code).toBe(code);
    expect(error.message).toContain(text);
  });

  const fifo = (path: string) => {
    rmSync(path, { force: true });
    execFileSync("mkfifo", [path]);
  };
  const layoutWith = (name: string, change: (layout: ReturnType<typeof writeOciLayout>) => void) => {
    const layout = writeOciLayout(join(root, name), [
      { blob: layerFixture("base.tar.gz"), tar: layerFixture("base.tar") },
    ]);
    change(layout);
    return layout.dir;
  };

  it.each([
    ["index.json is a FIFO", () => layoutWith("fifo-index", (l) => fifo(join(l.dir, "index.json"))), "a FIFO"],
    ["oci-layout is a FIFO", () => layoutWith("fifo-marker", (l) => fifo(join(l.dir, "oci-layout"))), "a FIFO"],
    ["the manifest is a FIFO", () => layoutWith("fifo-manifest", (l) => fifo(l.manifestFile)), "a FIFO"],
    [
      "the manifest links to a device",
      () =>
        layoutWith("device-manifest", (l) => {
          rmSync(l.manifestFile);
          symlinkSync("/dev/zero", l.manifestFile);
        }),
      "a device",
    ],
    [
      "index.json is a directory",
      () =>
        layoutWith("dir-index", (l) => {
          rmSync(join(l.dir, "index.json"));
          mkdirSync(join(l.dir, "index.json"));
        }),
      "a directory",
    ],
  ])(
    "refuses an OCI layout whose %s",
    async (_name, make, text) => {
      const error = await domainFailure(createOciLayoutSource(make()).resolve());
      expect(error).toMatchObject({ code: "scan_failed", message: expect.stringContaining(text) });
    },
    5000,
  );

  it("refuses an OCI layout whose layer blob is a FIFO, before reading it", async () => {
    const layout = writeOciLayout(join(root, "fifo-layer"), [
      { blob: layerFixture("base.tar.gz"), tar: layerFixture("base.tar") },
    ]);
    const source = createOciLayoutSource(layout.dir);
    const [layer] = (await source.resolve()).layers;
    fifo(layout.layerFiles[0]!);
    const error = await domainFailure(source.openBlob(layer!));
    expect(error).toMatchObject({ code: "scan_failed", message: expect.stringContaining("a FIFO") });
  }, 5000);

  it.each([
    [
      "a FIFO",
      () => {
        const path = join(root, "archive.fifo");
        fifo(path);
        return path;
      },
      "a FIFO",
    ],
    ["a directory", () => root, "a directory"],
    ["a device", () => "/dev/zero", "a device"],
  ])(
    "refuses a docker-archive that is %s",
    async (_name, make, text) => {
      const error = await domainFailure(createDockerArchiveSource(make()).resolve());
      expect(error).toMatchObject({ code: "scan_failed", message: expect.stringContaining(text) });
    },
    5000,
  );
});
