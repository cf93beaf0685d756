import { describe, expect, it } from "vitest";
import { collectYoungGarbage } from "./collect-young-garbage.js";

describe("collectYoungGarbage", () => {
  it("frees Buffers that died young without exposing gc to anyone else", async () => {
    const { memoryUsage } = process;
    const before = memoryUsage().arrayBuffers;
    for (let i = 0; i < 32; i++) Buffer.allocUnsafe(1 << 20).fill(i);
    const piled = memoryUsage().arrayBuffers - before;
    collectYoungGarbage();
    // The backing stores are released by V8's sweeper right after the scavenge.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const left = memoryUsage().arrayBuffers - before;
    expect(piled).toBeGreaterThan(16 << 20);
    expect(left).toBeLessThan(8 << 20);
    expect((globalThis as { gc?: unknown }).gc).toBeUndefined();
  });
});
