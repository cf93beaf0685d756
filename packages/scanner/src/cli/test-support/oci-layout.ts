/**
 * Test support (Node only): writes a one-image OCI image layout (`oci:DIR:TAG`, as skopeo and umoci
 * lay it out) whose layers hold the given files, as gzip tar blobs, for CLI tests on images a test
 * makes itself (a corrupt package database, a huge status file).
 */

import { createHash } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { packTar } from "modern-tar";

/** Files of one layer: path inside the image (no leading "/") → contents. */
export type LayerFiles = Record<string, string | Uint8Array>;

const sha256 = (data: Uint8Array) => `sha256:${createHash("sha256").update(data).digest("hex")}`;

/** Writes the layout into `dir` (created) with one linux/amd64 image tagged `tag`. */
export async function writeOciLayout(dir: string, tag: string, layers: readonly LayerFiles[]): Promise<void> {
  await mkdir(join(dir, "blobs", "sha256"), { recursive: true });
  const put = async (data: Uint8Array) => {
    const digest = sha256(data);
    await writeFile(join(dir, "blobs", "sha256", digest.slice("sha256:".length)), data);
    return { digest, size: data.length };
  };
  const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
  const diffIds: string[] = [];
  const layerDescriptors = [];
  for (const files of layers) {
    const tar = await packTar(
      Object.entries(files).map(([name, body]) => {
        const data = typeof body === "string" ? new TextEncoder().encode(body) : body;
        return { header: { name, size: data.length, mode: 0o644 }, body: data };
      }),
    );
    diffIds.push(sha256(tar));
    layerDescriptors.push({ mediaType: "application/vnd.oci.image.layer.v1.tar+gzip", ...(await put(gzipSync(tar))) });
  }
  const config = await put(
    json({ architecture: "amd64", os: "linux", rootfs: { type: "layers", diff_ids: diffIds }, config: {} }),
  );
  const manifest = await put(
    json({
      schemaVersion: 2,
      mediaType: "application/vnd.oci.image.manifest.v1+json",
      config: { mediaType: "application/vnd.oci.image.config.v1+json", ...config },
      layers: layerDescriptors,
    }),
  );
  await writeFile(join(dir, "oci-layout"), JSON.stringify({ imageLayoutVersion: "1.0.0" }));
  await writeFile(
    join(dir, "index.json"),
    JSON.stringify({
      schemaVersion: 2,
      manifests: [
        {
          mediaType: "application/vnd.oci.image.manifest.v1+json",
          ...manifest,
          annotations: { "org.opencontainers.image.ref.name": tag },
        },
      ],
    }),
  );
}
