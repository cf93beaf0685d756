/**
 * gzip layers inflated and hashed on worker threads, handed back through a shared ring.
 *
 * Why: on the main thread a layer's walk paid for SHA-256 of every uncompressed byte (~0.7 ms
 * per MiB), for zlib's stream machinery, and for the garbage collector: every inflated MiB was a
 * new Buffer (~1 GB of short-lived memory per image) and every 512 KiB of input another, which
 * made V8 run a full collection about every 64 MiB. Here a worker inflates into a fixed ring of
 * `SLOTS` slots shared with the main thread, which reads each slot in place and releases it when it
 * asks for the next chunk; compressed bytes go over in a few input buffers that the worker hands
 * back. Per layer, nothing is allocated per chunk on either side.
 *
 * Workers are kept in a small pool (unref'd while idle: they never hold the process open) and
 * reused job after job; one whose job failed or was stopped midway is terminated, never reused.
 */

import { Worker } from "node:worker_threads";
import { createGunzip } from "node:zlib";
import type { HashedOutput } from "../decompressor.js";
import { collectYoungGarbage } from "./collect-young-garbage.js";
import { INFLATE_WORKER_SOURCE, syncInflateSupported } from "./inflate-worker-source.js";

/** Inflated bytes per slot, and slots per worker (a small ring stays in the CPU's caches). */
export const SLOT_SIZE = 512 * 1024;
export const SLOTS = 3;
/** Compressed bytes per input buffer, and input buffers per job (in the worker or being filled). */
export const INPUT_SIZE = 512 * 1024;
const INPUT_BUFFERS = 2;
/** Compressed bytes read between two collections of the download's dead chunks (see below). */
const COLLECT_EVERY = 2 * 1024 * 1024;
/** Idle workers kept for the next layers, and for how long. */
const MAX_IDLE = 4;
const IDLE_MS = 200;

type Reply =
  | { type: "ack"; id: number; buffer: ArrayBuffer }
  | { type: "output"; id: number; slot: number; length: number }
  | { type: "done"; id: number; digest: string }
  | { type: "error"; id: number; message: string }
  | { type: "crash"; error: Error };

class InflateWorker {
  readonly worker: Worker;
  readonly ring = new SharedArrayBuffer(SLOTS * SLOT_SIZE);
  readonly slots = Array.from({ length: SLOTS }, (_, i) => new Uint8Array(this.ring, i * SLOT_SIZE, SLOT_SIZE));
  idleTimer: ReturnType<typeof setTimeout> | undefined;
  /** Replies of the current job. */
  onReply: ((reply: Reply) => void) | undefined;

  constructor() {
    this.worker = new Worker(INFLATE_WORKER_SOURCE, {
      eval: true,
      workerData: { ring: this.ring, slots: SLOTS, slotSize: SLOT_SIZE },
      // It only runs zlib and a hash: a small heap is plenty.
      resourceLimits: { maxOldGenerationSizeMb: 32, maxYoungGenerationSizeMb: 4 },
    });
    this.worker.unref();
    this.worker.on("message", (reply: Reply) => this.onReply?.(reply));
    this.worker.on("error", (error) => this.onReply?.({ type: "crash", error }));
    this.worker.on("exit", (code) => {
      const at = idle.indexOf(this);
      if (at >= 0) idle.splice(at, 1);
      this.onReply?.({ type: "crash", error: new Error(`the inflate worker stopped (exit code ${code})`) });
    });
  }
}

const idle: InflateWorker[] = [];
let jobs = 0;
let started = 0;
let supported: boolean | undefined;

/** Whether {@link inflateOnWorker} can run here (Node's zlib handle, see inflate-worker-source.ts). */
export function inflateWorkersSupported(): boolean {
  supported ??= syncInflateSupported(createGunzip);
  return supported;
}

/** Workers started so far (tests check that a finished job's worker is reused). */
export function inflateWorkersStarted(): number {
  return started;
}

/** Inflates a gzip stream on a pooled worker; see {@link HashedOutput} for the chunks' lifetime. */
export function inflateOnWorker(input: AsyncIterable<Uint8Array>): HashedOutput {
  let digest: string | undefined;
  return {
    chunks: run(input, (d) => (digest = d)),
    digest() {
      if (digest === undefined) throw new Error("the layer's digest was asked for before its bytes ended");
      return digest;
    },
  };
}

function acquire(): InflateWorker {
  const reused = idle.pop();
  if (reused) {
    clearTimeout(reused.idleTimer);
    return reused;
  }
  started++;
  return new InflateWorker();
}

async function* run(input: AsyncIterable<Uint8Array>, onDigest: (digest: string) => void): AsyncGenerator<Uint8Array> {
  const w = acquire();
  const id = ++jobs;
  const replies: Reply[] = [];
  let wake: (() => void) | undefined;
  const notify = () => {
    const resolve = wake;
    wake = undefined;
    resolve?.();
  };
  const spare: ArrayBuffer[] = [];
  let buffers = 0;
  let spareWaiter: (() => void) | undefined;
  w.onReply = (reply) => {
    if (reply.type !== "crash" && reply.id !== id) return;
    if (reply.type === "ack") {
      // Input buffers come back on arrival, not in turn with the outputs: the input side may be
      // waiting for one while the consumer is busy.
      spare.push(reply.buffer);
      const resolve = spareWaiter;
      spareWaiter = undefined;
      resolve?.();
      return;
    }
    replies.push(reply);
    notify();
  };
  let inputError: { error: unknown } | undefined;
  let stopped = false;
  let finished = false;
  // Referenced while it works: its replies may be all that keeps the process waiting.
  w.worker.ref();
  w.worker.postMessage({ type: "start", id });

  const nextBuffer = async (): Promise<ArrayBuffer | undefined> => {
    while (spare.length === 0 && buffers >= INPUT_BUFFERS && !stopped)
      await new Promise<void>((resolve) => (spareWaiter = resolve));
    if (stopped) return undefined;
    const reused = spare.pop();
    if (reused) return reused;
    buffers++;
    return new ArrayBuffer(INPUT_SIZE);
  };
  // Copies the compressed chunks into the input buffers and sends each when full. The chunks
  // (network reads, a new Buffer each) are then dead, but V8 collects dead Buffers only once tens
  // of MiB of them pile up, with a full collection: a scavenge every COLLECT_EVERY bytes frees
  // them while they are young, for less CPU than those full collections cost. Never rejects:
  // an input failure (a broken download, a blob digest mismatch) is handed to the consumer below.
  // Not awaited: a stalled input must not hold up an error on the output side.
  void (async () => {
    try {
      let buffer: ArrayBuffer | undefined;
      let fill = 0;
      let copied = 0;
      const send = () => {
        w.worker.postMessage({ type: "input", id, buffer, length: fill }, [buffer!]);
        buffer = undefined;
        fill = 0;
      };
      for await (const chunk of input) {
        for (let at = 0; at < chunk.length; ) {
          buffer ??= await nextBuffer();
          if (buffer === undefined) return;
          const n = Math.min(INPUT_SIZE - fill, chunk.length - at);
          new Uint8Array(buffer, fill, n).set(chunk.subarray(at, at + n));
          fill += n;
          at += n;
          copied += n;
          if (copied >= COLLECT_EVERY) {
            copied = 0;
            collectYoungGarbage();
          }
          if (fill === INPUT_SIZE) send();
        }
      }
      if (stopped) return;
      if (buffer !== undefined && fill > 0) send();
      w.worker.postMessage({ type: "end", id });
    } catch (error) {
      inputError = { error };
      notify();
    }
  })();

  try {
    while (true) {
      const reply = replies.shift();
      if (reply === undefined) {
        if (inputError !== undefined) throw inputError.error;
        await new Promise<void>((resolve) => (wake = resolve));
        continue;
      }
      if (reply.type === "output") {
        yield w.slots[reply.slot]!.subarray(0, reply.length);
        w.worker.postMessage({ type: "release", id, slot: reply.slot });
      } else if (reply.type === "done") {
        onDigest(reply.digest);
        finished = true;
        return;
      } else if (reply.type === "error") {
        throw new Error(reply.message);
      } else if (reply.type === "crash") {
        throw reply.error;
      }
    }
  } finally {
    stopped = true;
    spareWaiter?.();
    w.onReply = undefined;
    w.worker.unref();
    if (finished && idle.length < MAX_IDLE) {
      idle.push(w);
      // The next layer of an image takes it at once; after that, an idle worker's memory is
      // worth more than its start-up time (~30 ms).
      w.idleTimer = setTimeout(() => {
        // Out of the pool first: a job must never pick a worker that is on its way out.
        const at = idle.indexOf(w);
        if (at >= 0) idle.splice(at, 1);
        void w.worker.terminate();
      }, IDLE_MS).unref();
    } else void w.worker.terminate();
  }
}
