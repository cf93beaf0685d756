import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { gzipSync } from "node:zlib";
import { packTar, type TarEntry } from "modern-tar";
import { describe, expect, it } from "vitest";
import { defaultCatalogers } from "../catalogers/index.js";
import { fixtureDir } from "../catalogers/test-support/fixture-view.js";
import { nodeSha256 } from "../sources/node/node-sha256.js";
import { ByteBudget } from "./byte-budget.js";
import type { Decompressor, HashedOutput } from "./decompressor.js";
import { createFileSelector } from "./file-selector.js";
import { zlibDecompressor } from "./node/zlib-decompressor.js";
import { memoryImageSource, sha256Of } from "./test-support/memory-image-source.js";
import { walkLayer } from "./walk-layer.js";

// A decompressor may hand the walk views of a buffer it reuses (the Node one does: a worker's
// shared ring). Every sink then has to copy what it keeps before the next chunk: a tar header
// split across chunks, a Go binary's first bytes, a zip entry header held back, a kept file.
// Here the walk of real Go binaries, jars (nested ones included) and package databases through
// a decompressor that overwrites its one buffer after every chunk must find exactly what the
// plain walk finds.

/** Every file of these fixture folders, with the mode git checked it out with. */
function fixtureEntries(folders: string[]): TarEntry[] {
  const entries: TarEntry[] = [];
  for (const folder of folders) {
    const root = fixtureDir(folder);
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
        const full = join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (entry.isFile() && entry.name !== "README.md") {
          const body = readFileSync(full);
          const name = relative(root, full).split(sep).join("/").replaceAll("node_modules.fixture/", "node_modules/");
          entries.push({ header: { name, size: body.length, mode: statSync(full).mode & 0o777 }, body });
        }
      }
    };
    walk(root);
  }
  return entries;
}

/** Inflates with zlib, then hands out `piece`-byte views of one buffer, poisoned after each. */
function reusingDecompressor(piece: number): Decompressor {
  return {
    decompress: zlibDecompressor.decompress,
    decompressHashed(compression, input): HashedOutput {
      const hash = nodeSha256();
      const buffer = new Uint8Array(piece);
      async function* chunks() {
        for await (const chunk of zlibDecompressor.decompress(compression, input)) {
          hash.update(chunk);
          for (let at = 0; at < chunk.length; at += piece) {
            const part = chunk.subarray(at, at + piece);
            buffer.set(part);
            yield buffer.subarray(0, part.length);
            buffer.fill(0xa5);
          }
        }
      }
      return { chunks: chunks(), digest: () => hash.digest() };
    },
  };
}

const plain: Decompressor = { decompress: zlibDecompressor.decompress };

describe("the walk over a decompressor that reuses its output buffer", async () => {
  const tar = await packTar(fixtureEntries(["go-binaries", "java-archives", "dpkg-debian", "npm-app", "python-site"]));
  const blob = gzipSync(tar);
  const diffId = sha256Of(tar);

  async function walkWith(decompressor: Decompressor) {
    const source = memoryImageSource([{ blob, diffId }], 65_536);
    const [layer] = (await source.resolve()).layers;
    const result = await walkLayer(
      await source.openBlob(layer!),
      { digest: layer!.digest, mediaType: layer!.mediaType, diffId },
      {
        selector: createFileSelector(defaultCatalogers),
        decompressor,
        sha256: nodeSha256,
        budget: new ByteBudget(1024 ** 3),
      },
    );
    const files = Object.fromEntries(
      [...result.files].map(([path, data]) => [path, Buffer.from(data).toString("hex")]),
    );
    return { files, notices: result.notices, symlinks: [...result.symlinks], size: result.size };
  }

  const expected = await walkWith(plain);

  it("finds Go build info, Maven packages and package databases in the plain walk", () => {
    const paths = Object.keys(expected.files);
    expect(paths).toEqual(
      expect.arrayContaining(["usr/local/bin/gofixture-pie", "opt/app/app.war", "var/lib/dpkg/status"]),
    );
    expect(paths.length).toBeGreaterThan(10);
  });

  it.each([511, 4096, 65_537])("keeps the same files, byte for byte, from %i-byte views", async (piece) => {
    expect(await walkWith(reusingDecompressor(piece))).toEqual(expected);
  });

  it("keeps the same files through the worker ring of the Node decompressor", async () => {
    expect(await walkWith(zlibDecompressor)).toEqual(expected);
  });
});
