/**
 * The web decompressor inside workerd pulls its input only as its output is read, in bounded
 * chunks whatever the compression ratio: a layer (or a gzip bomb) never piles up in the isolate's
 * 128 MB. (workerd's DecompressionStream inflated everything written to it at once and kept
 * reading ahead of a slow consumer.)
 */
import { describe, expect, it } from "vitest";
import { webDecompressor } from "../../src/walk/decompressor.js";

const MiB = 1024 * 1024;

async function gzipOfZeros(bytes: number): Promise<Uint8Array> {
  const zeros = new Uint8Array(MiB);
  let left = bytes / MiB;
  const source = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (left-- > 0) controller.enqueue(zeros);
      else controller.close();
    },
  });
  const gzip = new CompressionStream("gzip") as unknown as ReadableWritablePair<Uint8Array, Uint8Array>;
  return new Uint8Array(await new Response(source.pipeThrough(gzip)).arrayBuffer());
}

describe("webDecompressor (gzip) in workerd", () => {
  it("inflates 64 MiB of zeros from a 64 KiB stream in chunks of a few MiB, pulling input only as output is read", async () => {
    const gz = await gzipOfZeros(64 * MiB);
    let pulled = 0;
    async function* input() {
      for (let at = 0; at < gz.length; at += 1024) {
        pulled++;
        yield gz.subarray(at, at + 1024);
      }
    }
    let total = 0;
    let largest = 0;
    let pulledAtFirstOutput = -1;
    for await (const chunk of webDecompressor.decompress("gzip", input())) {
      if (pulledAtFirstOutput < 0) {
        // A slow consumer: whatever reads ahead of it does so now.
        await new Promise((resolve) => setTimeout(resolve, 100));
        pulledAtFirstOutput = pulled;
      }
      total += chunk.length;
      largest = Math.max(largest, chunk.length);
      expect(chunk.every((b) => b === 0)).toBe(true);
    }
    expect(total).toBe(64 * MiB);
    expect(largest).toBeLessThanOrEqual(4.5 * MiB);
    expect(pulledAtFirstOutput).toBeLessThanOrEqual(2);
    expect(pulled).toBe(Math.ceil(gz.length / 1024));
  });

  it("fails on a stream cut inside its compressed data", async () => {
    const gz = await gzipOfZeros(MiB);
    async function* cut() {
      yield gz.subarray(0, gz.length >> 1);
    }
    const drain = async () => {
      for await (const _ of webDecompressor.decompress("gzip", cut())) {
        // drained to reach the end of the input
      }
    };
    await expect(drain()).rejects.toThrow();
  });
});
