/**
 * Test support (Node): pushes `regscan/big:latest` to the test registry, an image with one gzip
 * layer holding a real dpkg status, an os-release and one 320 MiB file (64 MiB of random bytes,
 * then zeros): 64 MiB to download, 320 MiB to decompress and hash. A scan that buffered the blob
 * or the layer would grow by that much; the memory test checks it does not.
 */
import { createHash, randomBytes } from "node:crypto";
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";

const MiB = 1024 * 1024;
export const BIG_FILE_BYTES = 320 * MiB;
const RANDOM_BYTES = 64 * MiB;

const DPKG_STATUS = `Package: zlib1g
Status: install ok installed
Priority: optional
Section: libs
Installed-Size: 168
Maintainer: Mark Brown <broonie@debian.org>
Architecture: amd64
Multi-Arch: same
Source: zlib
Version: 1:1.2.13.dfsg-1
Description: compression library - runtime

`;
const OS_RELEASE = 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\nVERSION_ID="12"\n';

/** A ustar header for a regular file. */
function tarHeader(path: string, size: number): Buffer {
  const header = Buffer.alloc(512);
  const field = (value: string, offset: number, length: number) => header.write(value, offset, length, "ascii");
  field(path, 0, 100);
  field("0000644\0", 100, 8);
  field("0000000\0", 108, 8);
  field("0000000\0", 116, 8);
  field(`${size.toString(8).padStart(11, "0")}\0`, 124, 12);
  field("00000000000\0", 136, 12);
  field("        ", 148, 8);
  field("0", 156, 1);
  field("ustar\0", 257, 6);
  field("00", 263, 2);
  let sum = 0;
  for (const byte of header) sum += byte;
  field(`${sum.toString(8).padStart(6, "0")}\0 `, 148, 8);
  return header;
}

const padding = (size: number) => Buffer.alloc((512 - (size % 512)) % 512);

function* layerTar(): Generator<Buffer> {
  for (const [path, text] of [
    ["etc/os-release", OS_RELEASE],
    ["var/lib/dpkg/status", DPKG_STATUS],
  ] as const) {
    const body = Buffer.from(text);
    yield tarHeader(path, body.length);
    yield body;
    yield padding(body.length);
  }
  yield tarHeader("opt/big.bin", BIG_FILE_BYTES);
  const zeros = Buffer.alloc(MiB);
  for (let done = 0; done < BIG_FILE_BYTES; done += MiB) yield done < RANDOM_BYTES ? randomBytes(MiB) : zeros;
  yield Buffer.alloc(1024);
}

function send(
  url: string,
  init: { method: string; auth: string; type?: string; body?: Buffer | string; file?: string },
): Promise<{ status: number; location?: string; text: string }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { authorization: init.auth };
    if (init.type) headers["content-type"] = init.type;
    if (init.file) headers["content-length"] = String(statSync(init.file).size);
    else headers["content-length"] = String(Buffer.byteLength(init.body ?? ""));
    const req = request(url, { method: init.method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () =>
        resolve({
          status: res.statusCode ?? 0,
          ...(res.headers.location ? { location: res.headers.location } : {}),
          text: Buffer.concat(chunks).toString(),
        }),
      );
    });
    req.on("error", reject);
    if (init.file) createReadStream(init.file).pipe(req);
    else req.end(init.body ?? "");
  });
}

/** Pushes the image; returns its manifest digest and the layer's sizes. */
export async function pushBigImage(registry: { host: string; username: string; password: string }) {
  const dir = mkdtempSync(join(tmpdir(), "regscan-big-layer-"));
  try {
    const file = join(dir, "layer.tar.gz");
    const diffId = createHash("sha256");
    const digest = createHash("sha256");
    const tar = Readable.from(
      (function* () {
        for (const chunk of layerTar()) {
          diffId.update(chunk);
          yield chunk;
        }
      })(),
    );
    const gzip = createGzip({ level: 1 });
    gzip.on("data", (chunk: Buffer) => digest.update(chunk));
    await pipeline(tar, gzip, createWriteStream(file));
    const layer = { digest: `sha256:${digest.digest("hex")}`, diffId: `sha256:${diffId.digest("hex")}` };
    const size = statSync(file).size;
    const base = `http://${registry.host}/v2/regscan/big`;
    const auth = `Basic ${Buffer.from(`${registry.username}:${registry.password}`).toString("base64")}`;
    const upload = async (blob: { file?: string; body?: Buffer }, blobDigest: string) => {
      const started = await send(`${base}/blobs/uploads/`, { method: "POST", auth });
      if (started.status !== 202 || !started.location) throw new Error(`blob upload refused: ${started.status}`);
      const location = new URL(started.location, `http://${registry.host}`);
      location.searchParams.set("digest", blobDigest);
      const put = await send(location.href, { method: "PUT", auth, type: "application/octet-stream", ...blob });
      if (put.status !== 201) throw new Error(`blob upload failed: ${put.status} ${put.text}`);
    };
    await upload({ file }, layer.digest);
    const config = Buffer.from(
      JSON.stringify({
        architecture: "amd64",
        os: "linux",
        rootfs: { type: "layers", diff_ids: [layer.diffId] },
        config: {},
      }),
    );
    const configDigest = `sha256:${createHash("sha256").update(config).digest("hex")}`;
    await upload({ body: config }, configDigest);
    const manifest = JSON.stringify({
      schemaVersion: 2,
      mediaType: "application/vnd.oci.image.manifest.v1+json",
      config: { mediaType: "application/vnd.oci.image.config.v1+json", digest: configDigest, size: config.length },
      layers: [{ mediaType: "application/vnd.oci.image.layer.v1.tar+gzip", digest: layer.digest, size }],
    });
    const put = await send(`${base}/manifests/latest`, {
      method: "PUT",
      auth,
      type: "application/vnd.oci.image.manifest.v1+json",
      body: manifest,
    });
    if (put.status !== 201) throw new Error(`manifest upload failed: ${put.status} ${put.text}`);
    return { compressedBytes: size, uncompressedBytes: BIG_FILE_BYTES, ...layer };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
