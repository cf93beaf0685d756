import { describe, expect, it } from "vitest";
import { createMemoryRateLimiter } from "./memory-rate-limiter.js";

function clock() {
  let t = 1_000_000;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

describe("createMemoryRateLimiter", () => {
  it("allows `limit` requests per key and window, then refuses until the window ends", async () => {
    const time = clock();
    const limiter = createMemoryRateLimiter({ limit: 3, windowMs: 60_000, now: time.now });
    const first = await limiter.hit("a");
    expect(first).toEqual({ allowed: true, limit: 3, windowSeconds: 60, remaining: 2, resetSeconds: 60 });
    time.advance(10_000);
    expect(await limiter.hit("a")).toMatchObject({ allowed: true, remaining: 1, resetSeconds: 50 });
    expect(await limiter.hit("a")).toMatchObject({ allowed: true, remaining: 0 });
    time.advance(500);
    expect(await limiter.hit("a")).toEqual({
      allowed: false,
      limit: 3,
      windowSeconds: 60,
      remaining: 0,
      resetSeconds: 50,
    });
    expect(await limiter.hit("a")).toMatchObject({ allowed: false });
    time.advance(49_500);
    expect(await limiter.hit("a")).toMatchObject({ allowed: true, remaining: 2, resetSeconds: 60 });
  });

  it("counts each key on its own", async () => {
    const time = clock();
    const limiter = createMemoryRateLimiter({ limit: 1, now: time.now });
    expect((await limiter.hit("token:a")).allowed).toBe(true);
    expect((await limiter.hit("token:a")).allowed).toBe(false);
    expect((await limiter.hit("token:b")).allowed).toBe(true);
    expect((await limiter.hit("address:127.0.0.1")).allowed).toBe(true);
  });

  it("reports at least one second until the reset, never zero", async () => {
    const time = clock();
    const limiter = createMemoryRateLimiter({ limit: 1, windowMs: 1000, now: time.now });
    await limiter.hit("a");
    time.advance(999);
    expect(await limiter.hit("a")).toMatchObject({ allowed: false, resetSeconds: 1 });
  });

  it("forgets ended windows as requests arrive", async () => {
    const time = clock();
    const limiter = createMemoryRateLimiter({ limit: 5, windowMs: 1000, now: time.now });
    for (let i = 0; i < 1000; i++) await limiter.hit(`k${i}`);
    expect(limiter.size()).toBe(1000);
    time.advance(1000);
    await limiter.hit("late");
    expect(limiter.size()).toBe(1);
  });

  it("tracks at most maxKeys keys, forgetting the oldest window first", async () => {
    const time = clock();
    const limiter = createMemoryRateLimiter({ limit: 1, maxKeys: 100, now: time.now });
    await limiter.hit("oldest");
    for (let i = 0; i < 150; i++) {
      time.advance(1);
      await limiter.hit(`k${i}`);
    }
    expect(limiter.size()).toBe(100);
    // "oldest" was forgotten (allowed again); the most recent keys are still limited.
    expect((await limiter.hit("k149")).allowed).toBe(false);
    expect((await limiter.hit("oldest")).allowed).toBe(true);
  });

  it.each([
    ["limit 0", { limit: 0 }],
    ["a negative window", { limit: 1, windowMs: -1 }],
    ["no key room", { limit: 1, maxKeys: 0 }],
  ])("refuses %s", (_name, options) => {
    expect(() => createMemoryRateLimiter(options)).toThrow(RangeError);
  });
});
