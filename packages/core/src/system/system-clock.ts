import type { Clock } from "../ports/system.js";

/** The real clock. */
export const systemClock: Clock = { now: () => new Date() };
