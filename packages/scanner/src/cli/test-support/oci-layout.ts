/**
 * Test support (Node only): writes a one-image OCI image layout (`oci:DIR:TAG`, as skopeo and umoci
 * lay it out) whose layers hold the given files, as gzip tar blobs, for CLI tests on images a test
 * makes itself (a corrupt package database, a huge status file, an executable Go binary).
 */

import { gzipSync } from "node:zlib";
import { packTar } from "modern-tar";
import { writeOciLayout as writeLayoutOfBlobs } from "../../sources/node/test-support/write-oci-layout.js";

/** Files of one layer: path inside the image (no leading "/") → contents (mode 0644), or contents and mode. */
export type LayerFiles = Record<string, string | Uint8Array | { data: Uint8Array; mode: number }>;

/** Writes the layout into `dir` (created) with one linux/amd64 image tagged `tag`. */
export async function writeOciLayout(dir: string, tag: string, layers: readonly LayerFiles[]): Promise<void> {
  const blobs = [];
  for (const files of layers) {
    const tar = await packTar(
      Object.entries(files).map(([name, body]) => {
        const { data, mode } =
          typeof body === "string"
            ? { data: new TextEncoder().encode(body), mode: 0o644 }
            : body instanceof Uint8Array
              ? { data: body, mode: 0o644 }
              : body;
        return { header: { name, size: data.length, mode }, body: data };
      }),
    );
    blobs.push({ blob: gzipSync(tar), tar });
  }
  writeLayoutOfBlobs(dir, blobs, tag);
}
