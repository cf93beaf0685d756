import type { Clock } from "../ports/system.js";

/** A clock that only moves when told to. */
export interface FixedClock extends Clock {
  advance(ms: number): void;
  set(date: Date): void;
}

export function createFixedClock(date: Date = new Date("2026-01-01T00:00:00.000Z")): FixedClock {
  let current = date.getTime();
  return {
    now: () => new Date(current),
    advance: (ms) => {
      current += ms;
    },
    set: (d) => {
      current = d.getTime();
    },
  };
}
