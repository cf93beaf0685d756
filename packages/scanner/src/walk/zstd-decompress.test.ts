import { isDomainError } from "@regscan/core";
import { describe, expect, it } from "vitest";
import { layerFixture } from "./test-support/memory-image-source.js";
import { concatBytes } from "./test-support/tar-bytes.js";
import { rawBlocks, rleBlocks, zstdFrame } from "./test-support/zstd-bytes.js";
import { zstdDecompress } from "./zstd-decompress.js";

async function* chunks(data: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < data.length; at += size) yield data.subarray(at, at + size);
}

async function collect(stream: AsyncIterable<Uint8Array>): Promise<{ bytes: Uint8Array; largest: number }> {
  const parts: Uint8Array[] = [];
  for await (const part of stream) parts.push(part);
  return { bytes: concatBytes(parts), largest: Math.max(0, ...parts.map((p) => p.length)) };
}

const skippable = new Uint8Array([0x50, 0x2a, 0x4d, 0x18, 3, 0, 0, 0, 1, 2, 3]);

describe("zstdDecompress", () => {
  const tar = layerFixture("base.tar");
  const zst = layerFixture("base.tar.zst");

  it.each([1, 7, 4096, 1 << 20])("decodes a real layer in %i-byte chunks", async (size) => {
    const { bytes } = await collect(zstdDecompress(chunks(zst, size)));
    expect(Buffer.from(bytes).equals(tar)).toBe(true);
  });

  it("decodes several frames with a skippable frame between them", async () => {
    const { bytes } = await collect(zstdDecompress(chunks(concatBytes([zst, skippable, zst]), 5)));
    expect(Buffer.from(bytes).equals(concatBytes([tar, tar]))).toBe(true);
  });

  it("hands a 2 GiB RLE bomb on in ~1 MiB chunks, holding only what is consumed", async () => {
    // 64 KiB of input in one chunk; the old decoder buffered all 2 GiB of its output first.
    const bomb = zstdFrame(21, [...rawBlocks(new Uint8Array(512).fill(1)), ...rleBlocks(16 * 1024)]);
    const baseline = process.memoryUsage().arrayBuffers;
    let held = 0;
    let seen = 0;
    let largest = 0;
    for await (const part of zstdDecompress(chunks(bomb, 512 * 1024))) {
      largest = Math.max(largest, part.length);
      held = Math.max(held, process.memoryUsage().arrayBuffers - baseline);
      seen += part.length;
      if (seen >= 64 * 1024 * 1024) break;
    }
    expect(largest).toBeLessThanOrEqual(2 * 1024 * 1024);
    expect(held).toBeLessThan(128 * 1024 * 1024);
  });

  it("charges tiny blocks in a large window against the budget", async () => {
    const tiny = zstdFrame(23, rleBlocks(1024, 1));
    let charged = 0;
    const { bytes } = await collect(zstdDecompress(chunks(tiny, 4096), { charge: (n) => void (charged += n) }));
    expect(bytes.length).toBe(1024);
    // 1024 blocks sliding an 8 MiB window: charged as 1024 × 8 MiB / 256 bytes of output.
    expect(charged).toBe(1024 * 32 * 1024 - 1024);
  });

  it("stops as soon as the charge throws", async () => {
    const tiny = zstdFrame(23, rleBlocks(100_000, 1));
    const started = Date.now();
    const error = await collect(
      zstdDecompress(chunks(tiny, 1 << 20), {
        charge: (n) => {
          if (n > 0) throw new Error("budget");
        },
      }),
    ).catch((e: unknown) => e);
    expect((error as Error).message).toBe("budget");
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it.each([
    ["a window over 8 MiB", zstdFrame(24, rleBlocks(1)), "image_unsupported", "window"],
    ["a window of 2 GiB", zstdFrame(31, rleBlocks(1)), "image_unsupported", "window"],
    ["a 2 MiB RLE block", zstdFrame(22, rleBlocks(1, 2 * 1024 * 1024 - 1)), undefined, "block size limit"],
    ["a reserved block type", concatBytes([zstdFrame(20, []), new Uint8Array([7, 0, 0])]), undefined, "reserved"],
    ["not zstd", new Uint8Array(32).fill(9), undefined, "not a zstd frame"],
    ["a truncated frame", zstdFrame(20, rleBlocks(2)).subarray(0, 12), undefined, "truncated"],
    ["a truncated block", zst.subarray(0, zst.length - 100), undefined, "truncated"],
  ])("refuses %s", async (_name, data, code, text) => {
    const error = await collect(zstdDecompress(chunks(data, 3))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    if (code) expect(isDomainError(error) && error.code).toBe(code);
    expect((error as Error).message).toContain(text);
  });
});
