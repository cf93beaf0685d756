/**
 * Test support (Node only): a minimal OCI Distribution registry on 127.0.0.1 (free port, no auth)
 * serving one image `test/image:latest` made of the given layer blobs. Counts blob requests.
 */

import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { sha256Of, type TestLayer } from "../../walk/test-support/memory-image-source.js";

export interface FixtureRegistry {
  /** `127.0.0.1:PORT` */
  host: string;
  manifestDigest: string;
  /** Paths of the blob requests served, in order. */
  blobRequests: string[];
  close(): Promise<void>;
}

export async function startFixtureRegistry(layers: TestLayer[]): Promise<FixtureRegistry> {
  const blobs = new Map<string, { body: Uint8Array; type: string }>();
  const layerDescriptors = layers.map((l) => {
    const digest = sha256Of(l.blob);
    const mediaType = l.mediaType ?? "application/vnd.oci.image.layer.v1.tar+gzip";
    blobs.set(digest, { body: l.blob, type: "application/octet-stream" });
    return { mediaType, digest, size: l.blob.length };
  });
  const config = new TextEncoder().encode(
    JSON.stringify({
      architecture: "amd64",
      os: "linux",
      rootfs: { type: "layers", diff_ids: layers.map((l) => l.diffId ?? sha256Of(l.tar ?? l.blob)) },
    }),
  );
  const configDigest = sha256Of(config);
  blobs.set(configDigest, { body: config, type: "application/vnd.oci.image.config.v1+json" });
  const manifestType = "application/vnd.oci.image.manifest.v1+json";
  const manifest = new TextEncoder().encode(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: manifestType,
      config: { mediaType: "application/vnd.oci.image.config.v1+json", digest: configDigest, size: config.length },
      layers: layerDescriptors,
    }),
  );
  const manifestDigest = sha256Of(manifest);
  const blobRequests: string[] = [];

  const server = createServer((req, res) => {
    const url = req.url ?? "";
    const send = (status: number, type: string, body: Uint8Array, extra: Record<string, string> = {}) => {
      res.writeHead(status, { "content-type": type, "content-length": String(body.length), ...extra });
      res.end(req.method === "HEAD" ? undefined : body);
    };
    if (url === "/v2/") return send(200, "application/json", new TextEncoder().encode("{}"));
    if (url === "/v2/test/image/manifests/latest" || url === `/v2/test/image/manifests/${manifestDigest}`) {
      return send(200, manifestType, manifest, { "docker-content-digest": manifestDigest });
    }
    const blob = /^\/v2\/test\/image\/blobs\/(sha256:[a-f0-9]{64})$/.exec(url);
    const found = blob ? blobs.get(blob[1]!) : undefined;
    if (found) {
      if (blob![1] !== configDigest) blobRequests.push(url);
      return send(200, found.type, found.body);
    }
    const notFound = JSON.stringify({ errors: [{ code: "MANIFEST_UNKNOWN", message: "not found" }] });
    return send(404, "application/json", new TextEncoder().encode(notFound));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    host: `127.0.0.1:${port}`,
    manifestDigest,
    blobRequests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
