import { describe, expect, it } from "vitest";
import { createShortLivedCache } from "./short-lived-cache.js";

function setUp(ttlMs = 1000, maxEntries?: number) {
  let now = 0;
  let loads = 0;
  const cache = createShortLivedCache<string | null>({
    ttlMs,
    now: () => now,
    ...(maxEntries === undefined ? {} : { maxEntries }),
  });
  const load = (value: string | null) => async () => {
    loads += 1;
    return value;
  };
  return { cache, load, advance: (ms: number) => (now += ms), loads: () => loads };
}

describe("createShortLivedCache", () => {
  it("keeps a loaded value for ttlMs, then loads again", async () => {
    const t = setUp(1000);
    expect(await t.cache.get("k", t.load("a"))).toBe("a");
    t.advance(999);
    expect(await t.cache.get("k", t.load("b"))).toBe("a");
    t.advance(1);
    expect(await t.cache.get("k", t.load("c"))).toBe("c");
    expect(t.loads()).toBe(2);
  });

  it("drops everything on clear()", async () => {
    const t = setUp();
    await t.cache.get("k", t.load("a"));
    t.cache.clear();
    expect(await t.cache.get("k", t.load("b"))).toBe("b");
  });

  it("does not keep a value whose load started before a clear()", async () => {
    const t = setUp();
    let release: (v: string) => void = () => undefined;
    const pending = t.cache.get("k", () => new Promise<string>((r) => (release = r)));
    t.cache.clear(); // e.g. the token was revoked while this lookup read the old row
    release("stale");
    expect(await pending).toBe("stale");
    expect(await t.cache.get("k", t.load("fresh"))).toBe("fresh");
  });

  it("keeps neither null nor failures", async () => {
    const t = setUp();
    expect(await t.cache.get("k", t.load(null))).toBeNull();
    await expect(
      t.cache.get("k", async () => {
        throw new Error("unknown token");
      }),
    ).rejects.toThrow("unknown token");
    expect(await t.cache.get("k", t.load("a"))).toBe("a");
  });

  it("holds at most maxEntries (the oldest go first) and nothing with ttlMs 0", async () => {
    const t = setUp(1000, 2);
    for (const key of ["a", "b", "c"]) await t.cache.get(key, t.load(key));
    expect(await t.cache.get("a", t.load("a2"))).toBe("a2");
    expect(await t.cache.get("c", t.load("c2"))).toBe("c");
    const off = setUp(0);
    await off.cache.get("k", off.load("a"));
    expect(await off.cache.get("k", off.load("b"))).toBe("b");
  });
});
