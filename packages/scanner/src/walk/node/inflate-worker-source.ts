/**
 * The code of an inflate worker thread (see inflate-worker-pool.ts), as the text `new Worker(…,
 * { eval: true })` runs: plain CommonJS using only node: modules, so it runs the same from the
 * TypeScript sources (tests) and from the CLI bundle without a second file to ship.
 *
 * Protocol, one job at a time (`id` tags every message):
 *   in:  start {id} · input {id, buffer, length} · end {id} · release {id, slot}
 *   out: ack {id, buffer} (an input buffer was consumed; it goes back for reuse)
 *        · output {id, slot, length} · done {id, digest} · error {id, message}
 *
 * Inflating is zlib's own synchronous step (`writeSync` of the handle behind a Gunzip stream, the
 * call `zlib.gunzipSync` makes) straight into a free slot of the ring shared with the main thread,
 * which is hashed in place: no Buffer per chunk on either side, and so nothing for either garbage
 * collector. A slot is written only once the main thread released it, so a job holds the ring and
 * zlib's 32 KiB window whatever the compression ratio. `supported` tells the pool whether this
 * Node still has that handle (it is not a documented API); without it the pool is not used.
 */
export const INFLATE_WORKER_SOURCE = `
"use strict";
const { parentPort, workerData } = require("node:worker_threads");
const zlib = require("node:zlib");
const { createHash } = require("node:crypto");

const { Z_NO_FLUSH, Z_FINISH } = zlib.constants;
const { ring, slots, slotSize } = workerData;
const views = [];
for (let i = 0; i < slots; i++) views.push(new Uint8Array(ring, i * slotSize, slotSize));
const EMPTY = new Uint8Array(0);
let job;

parentPort.on("message", (m) => {
  if (m.type === "start") job = startJob(m.id);
  else if (job === undefined || job.id !== m.id) return;
  else if (m.type === "input") job.inputs.push(m);
  else if (m.type === "end") job.ended = true;
  else if (m.type === "release") job.free.push(m.slot);
  if (job !== undefined) pump(job);
});

function startJob(id) {
  const gunzip = zlib.createGunzip();
  const j = {
    id,
    handle: gunzip._handle,
    state: gunzip._writeState,
    hash: createHash("sha256"),
    inputs: [],
    at: 0,
    free: [],
    ended: false,
    streamEnded: false,
    done: false,
    failure: undefined,
  };
  for (let i = slots - 1; i >= 0; i--) j.free.push(i);
  j.handle.onerror = (message) => {
    j.failure = String(message);
  };
  return j;
}

function ack(j) {
  const input = j.inputs.shift();
  j.at = 0;
  parentPort.postMessage({ type: "ack", id: j.id, buffer: input.buffer }, [input.buffer]);
}

function stop(j, message) {
  j.done = true;
  j.handle.close();
  parentPort.postMessage(message);
}

function pump(j) {
  while (!j.done && j.free.length > 0) {
    const input = j.inputs[0];
    if (input !== undefined && j.streamEnded) {
      ack(j); // bytes after the end of the gzip stream are not inflated
      continue;
    }
    if (input === undefined && !j.ended) return; // waiting for input
    const data = input === undefined ? EMPTY : new Uint8Array(input.buffer, 0, input.length);
    const slot = j.free[j.free.length - 1];
    const inLen = data.length - j.at;
    j.handle.writeSync(input === undefined ? Z_FINISH : Z_NO_FLUSH, data, j.at, inLen, views[slot], 0, slotSize);
    if (j.failure !== undefined) return stop(j, { type: "error", id: j.id, message: j.failure });
    const availOut = j.state[0];
    const availIn = j.state[1];
    const have = slotSize - availOut;
    if (have > 0) {
      j.free.pop();
      j.hash.update(views[slot].subarray(0, have));
      parentPort.postMessage({ type: "output", id: j.id, slot, length: have });
    }
    if (input === undefined) {
      if (availOut !== 0) stop(j, { type: "done", id: j.id, digest: "sha256:" + j.hash.digest("hex") });
    } else {
      j.at += inLen - availIn;
      if (availIn === 0) ack(j);
      else if (availOut !== 0) j.streamEnded = true; // zlib stopped with input left: the stream ended
    }
  }
}
`;

/** Whether this Node's Gunzip still has the synchronous handle the worker drives. */
export function syncInflateSupported(createGunzip: () => unknown): boolean {
  const gunzip = createGunzip() as { _handle?: { writeSync?: unknown; close?: () => void }; _writeState?: unknown };
  const ok = typeof gunzip._handle?.writeSync === "function" && gunzip._writeState instanceof Uint32Array;
  gunzip._handle?.close?.();
  return ok;
}
