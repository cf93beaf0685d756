/**
 * Test support (Node only): writes an OCI image layout directory (`oci:DIR:latest`) for one
 * linux/amd64 image made of the given layer blobs, so tests can hand hostile layers to the real
 * file source and CLI.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { sha256Of, type TestLayer } from "../../../walk/test-support/memory-image-source.js";

export interface WrittenLayout {
  dir: string;
  /** Path of each layer's blob file, in layer order. */
  layerFiles: string[];
  manifestFile: string;
}

export function writeOciLayout(dir: string, layers: readonly TestLayer[], tag = "latest"): WrittenLayout {
  const blobs = join(dir, "blobs", "sha256");
  mkdirSync(blobs, { recursive: true });
  const put = (bytes: Uint8Array) => {
    const digest = sha256Of(bytes);
    const file = join(blobs, digest.slice("sha256:".length));
    writeFileSync(file, bytes);
    return { digest, file, size: bytes.length };
  };
  const layerBlobs = layers.map((l) => ({
    ...put(l.blob),
    mediaType: l.mediaType ?? "application/vnd.oci.image.layer.v1.tar+gzip",
  }));
  const config = put(
    new TextEncoder().encode(
      JSON.stringify({
        architecture: "amd64",
        os: "linux",
        rootfs: { type: "layers", diff_ids: layers.map((l) => l.diffId ?? sha256Of(l.tar ?? l.blob)) },
      }),
    ),
  );
  const manifest = put(
    new TextEncoder().encode(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: "application/vnd.oci.image.manifest.v1+json",
        config: { mediaType: "application/vnd.oci.image.config.v1+json", digest: config.digest, size: config.size },
        layers: layerBlobs.map(({ mediaType, digest, size }) => ({ mediaType, digest, size })),
      }),
    ),
  );
  writeFileSync(join(dir, "oci-layout"), '{"imageLayoutVersion":"1.0.0"}');
  writeFileSync(
    join(dir, "index.json"),
    JSON.stringify({
      schemaVersion: 2,
      manifests: [
        {
          mediaType: "application/vnd.oci.image.manifest.v1+json",
          digest: manifest.digest,
          size: manifest.size,
          annotations: { "org.opencontainers.image.ref.name": tag },
        },
      ],
    }),
  );
  return { dir, layerFiles: layerBlobs.map((b) => b.file), manifestFile: manifest.file };
}
