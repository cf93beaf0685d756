import { describe, expect, it } from "vitest";
import { createFixedClock } from "../testing/fixed-clock.js";
import { createMemoryBrowseCache } from "./browse-cache.js";

describe("createMemoryBrowseCache", () => {
  it.each([
    { name: "fresh entry", ttlMs: 1000, advance: 999, expected: ["v"] },
    { name: "expired entry", ttlMs: 1000, advance: 1000, expected: undefined },
    { name: "ttl 0 disables caching", ttlMs: 0, advance: 0, expected: undefined },
  ])("$name", async ({ ttlMs, advance, expected }) => {
    const clock = createFixedClock();
    const cache = createMemoryBrowseCache({ ttlMs, clock });
    await cache.set("k", ["v"]);
    clock.advance(advance);
    expect(await cache.get("k")).toEqual(expected);
  });

  it("drops the oldest entry beyond maxEntries", async () => {
    const cache = createMemoryBrowseCache({ maxEntries: 2, clock: createFixedClock() });
    await cache.set("a", 1);
    await cache.set("b", 2);
    await cache.set("a", 3); // refreshed: now the newest
    await cache.set("c", 4);
    expect([await cache.get("a"), await cache.get("b"), await cache.get("c")]).toEqual([3, undefined, 4]);
  });
});
