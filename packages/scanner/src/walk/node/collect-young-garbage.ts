/**
 * A scavenge (young-generation collection) on demand, for the walk's Node adapters.
 *
 * Buffers hold their bytes outside V8's heap, so allocating them hardly fills the young
 * generation: a layer walk makes a new Buffer for every network read, the Buffers die within
 * milliseconds, and yet V8 frees them only when their external memory has grown by tens of MiB,
 * with a full mark-compact each time. That memory is most of the walk's peak RSS above a started
 * CLI. A scavenge every few MiB frees them young, for less CPU than those full collections.
 *
 * V8 exposes the collector only behind `--expose-gc`; the flag is set just long enough to fetch
 * the function in a context of its own, then cleared, so no other code sees a `gc` global.
 */

import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

type Collector = (options: { type: "minor" | "major" }) => void;

let collector: Collector | undefined;

function load(): Collector {
  setFlagsFromString("--expose-gc");
  try {
    const gc: unknown = runInNewContext("typeof gc === 'function' ? gc : undefined");
    // A runtime that ignores the flag only loses the optimisation.
    return typeof gc === "function" ? (gc as Collector) : () => undefined;
  } finally {
    setFlagsFromString("--no-expose-gc");
  }
}

/** Runs a scavenge of this thread's heap now. */
export function collectYoungGarbage(): void {
  collector ??= load();
  collector({ type: "minor" });
}
