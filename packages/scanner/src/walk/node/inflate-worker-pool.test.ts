import { createGunzip, gunzipSync, gzipSync } from "node:zlib";
import { DomainError } from "@regscan/core";
import { describe, expect, it } from "vitest";
import { layerFixture, sha256Of } from "../test-support/memory-image-source.js";
import { INPUT_SIZE, inflateOnWorker, inflateWorkersStarted, SLOT_SIZE, SLOTS } from "./inflate-worker-pool.js";
import { syncInflateSupported } from "./inflate-worker-source.js";

async function* chunks(data: Uint8Array, size: number) {
  for (let at = 0; at < data.length; at += size) yield data.slice(at, at + size);
}

/** Reads everything, copying each chunk (they are views of the ring), and the digest after. */
async function inflate(input: AsyncIterable<Uint8Array>) {
  const out = inflateOnWorker(input);
  const parts: Buffer[] = [];
  for await (const chunk of out.chunks) parts.push(Buffer.from(chunk));
  return { bytes: Buffer.concat(parts), digest: out.digest() };
}

/** Bytes that barely compress (a fixed-seed generator), so input and output sizes are alike. */
function noise(length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let x = 0x2545f491;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    bytes[i] = x & 0xff;
  }
  return bytes;
}

describe("inflateOnWorker", () => {
  const tar = layerFixture("base.tar");
  const gz = layerFixture("base.tar.gz");

  it("runs on this Node (the zlib handle it drives is there)", () => {
    expect(syncInflateSupported(createGunzip)).toBe(true);
    expect(syncInflateSupported(() => ({}))).toBe(false);
  });

  it.each([1, 7, 4096, INPUT_SIZE + 3, 1 << 22])(
    "inflates and hashes a real layer fed in %i-byte chunks",
    async (size) => {
      const { bytes, digest } = await inflate(chunks(gz, size));
      expect(bytes.equals(tar)).toBe(true);
      expect(digest).toBe(sha256Of(tar));
    },
  );

  it("inflates many slots' worth, a multi-member stream and zero padding after the end", async () => {
    const big = noise(5 * SLOT_SIZE + 12_345);
    const blob = Buffer.concat([
      gzipSync(big.subarray(0, 100_000)),
      gzipSync(big.subarray(100_000)),
      Buffer.alloc(700),
    ]);
    const { bytes, digest } = await inflate(chunks(blob, 65_536));
    expect(bytes.equals(big)).toBe(true);
    expect(digest).toBe(sha256Of(big));
    expect(bytes.equals(gunzipSync(blob))).toBe(true);
  });

  it("reuses a worker whose job finished", async () => {
    await inflate(chunks(gz, 4096));
    const started = inflateWorkersStarted();
    await inflate(chunks(gz, 4096));
    await inflate(chunks(gz, 4096));
    expect(inflateWorkersStarted()).toBe(started);
  });

  it("ends an idle worker after a while and starts a fresh one for the next job", async () => {
    await inflate(chunks(gz, 4096));
    const started = inflateWorkersStarted();
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect((await inflate(chunks(gz, 4096))).digest).toBe(sha256Of(tar));
    expect(inflateWorkersStarted()).toBe(started + 1);
  });

  it.each([
    ["corrupt", () => Buffer.from(gz).fill(0x41, 10, 400), /invalid|incorrect|unknown/],
    ["truncated", () => gz.subarray(0, gz.length - 200), /unexpected end of file/],
    ["not gzip", () => tar, /incorrect header check/],
  ])("fails with zlib's reason on %s data, and does not reuse that worker", async (_name, blob, reason) => {
    await expect(inflate(chunks(blob(), 4096))).rejects.toThrow(reason);
    const started = inflateWorkersStarted();
    expect((await inflate(chunks(gz, 4096))).digest).toBe(sha256Of(tar));
    expect(inflateWorkersStarted()).toBe(started + 1);
  });

  it("passes an input failure through unchanged", async () => {
    const failure = new DomainError("scan_failed", "Layer x is corrupt: its content has digest y.");
    async function* failing() {
      yield gz.slice(0, 1000);
      throw failure;
    }
    await expect(inflate(failing())).rejects.toBe(failure);
  });

  it("stops reading its input while the consumer holds the ring, and when it gives up", async () => {
    const big = noise(16 * 1024 * 1024);
    const blob = gzipSync(big, { level: 1 });
    let pulled = 0;
    let finished = false;
    async function* counted() {
      try {
        for await (const chunk of chunks(blob, 65_536)) {
          pulled += chunk.length;
          yield chunk;
        }
      } finally {
        finished = true;
      }
    }
    const out = inflateOnWorker(counted());
    const iterator = out.chunks[Symbol.asyncIterator]();
    const first = await iterator.next();
    expect(first.value?.length).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    // The ring's slots plus the input buffers in flight, whatever the blob's size.
    expect(pulled).toBeLessThanOrEqual(SLOTS * SLOT_SIZE + 3 * INPUT_SIZE + 65_536);
    await iterator.return?.(undefined);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(finished).toBe(true);
    expect(pulled).toBeLessThan(blob.length);
    // The next job gets a working worker.
    expect((await inflate(chunks(gz, 4096))).digest).toBe(sha256Of(tar));
  });
});
