import { describe, expect, it } from "vitest";
import { ImmutableRows } from "./immutable-rows.js";

describe("ImmutableRows", () => {
  it("returns what was set, deep-frozen (callers share it), Dates kept as they are", () => {
    const rows = new ImmutableRows<{ id: string; progress: { done: number }; at: Date }>(10);
    const at = new Date(5);
    const stored = rows.set("a", { id: "a", progress: { done: 1 }, at });
    expect(rows.get("a")).toBe(stored);
    expect(Object.isFrozen(stored) && Object.isFrozen(stored.progress)).toBe(true);
    expect(() => {
      (stored.progress as { done: number }).done = 2;
    }).toThrow(TypeError);
    expect(stored.at.getTime()).toBe(5);
  });

  it("holds at most maxEntries, dropping the oldest", () => {
    const rows = new ImmutableRows<{ n: number }>(2);
    rows.set("a", { n: 1 });
    rows.set("b", { n: 2 });
    rows.set("c", { n: 3 });
    expect([rows.get("a"), rows.get("b")?.n, rows.get("c")?.n]).toEqual([undefined, 2, 3]);
  });
});
