/**
 * The registry client's `fetch` on Node, over node:http and node:https (Node-only entry).
 *
 * Why not the global fetch: in Node 20 the first fetch loads undici and compiles its llhttp
 * WebAssembly, which costs a CLI run ~40 MiB of resident memory before the first layer arrives
 * (a third of the scan's budget); node:http parses with the llhttp already in the binary. The
 * semantics the registry client relies on are fetch's: redirects are never followed, the body is a
 * ReadableStream with backpressure (the socket is paused while the reader is behind), a
 * `content-encoding` the server applies anyway is decoded, the caller's signal aborts the request
 * and the body with its reason, and network failures reject with `TypeError("fetch failed")`
 * whose `cause` is the system error (`ECONNREFUSED`, …), as registry-timeouts.ts reads them.
 */

import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import type { Readable } from "node:stream";
import { createBrotliDecompress, createGunzip, createInflate } from "node:zlib";
import type { FetchLike, HttpResponse } from "../registry-http.js";

/** Body chunks waiting for the reader before the socket is paused. */
const BODY_HIGH_WATER_MARK = 4;
/** Content codings undone at most (undici's bound too): each costs a decoder stream. */
const MAX_CODINGS = 5;

export const nodeHttpFetch: FetchLike = (input, init) =>
  new Promise<HttpResponse>((resolve, reject) => {
    const url = new URL(input);
    if (url.protocol !== "http:" && url.protocol !== "https:") {
      reject(new TypeError(`fetch failed`, { cause: new Error(`unsupported protocol ${url.protocol}`) }));
      return;
    }
    const { signal } = init;
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const request = url.protocol === "https:" ? httpsRequest : httpRequest;
    const req = request(url, { method: init.method, headers: init.headers });
    let settled = false;
    let onAbort = () => {
      req.destroy();
      if (!settled) {
        settled = true;
        reject(signal?.reason);
      }
    };
    const abortListener = () => onAbort();
    const unlisten = () => signal?.removeEventListener("abort", abortListener);
    signal?.addEventListener("abort", abortListener, { once: true });
    req.on("error", (error) => {
      if (settled) return;
      settled = true;
      unlisten();
      reject(new TypeError("fetch failed", { cause: error }));
    });
    req.on("response", (res) => {
      settled = true;
      const codings = contentCodings(res);
      if (codings.length > MAX_CODINGS) {
        res.destroy();
        unlisten();
        reject(new TypeError("fetch failed", { cause: new Error(`more than ${MAX_CODINGS} content-encodings`) }));
        return;
      }
      const body = bodyStream(decoded(res, codings), () => res.destroy(), unlisten);
      onAbort = () => body.abort(signal?.reason);
      const status = res.statusCode ?? 0;
      resolve({
        status,
        statusText: res.statusMessage ?? "",
        ok: status >= 200 && status < 300,
        headers: { get: (name) => headerValue(res, name) },
        body: body.stream,
      });
    });
    req.end();
  });

/** Like `Headers.get`: a repeated header's values joined with ", ", null when absent. */
function headerValue(res: IncomingMessage, name: string): string | null {
  const value = res.headers[name.toLowerCase()];
  if (value === undefined) return null;
  return Array.isArray(value) ? value.join(", ") : value;
}

/** The response's content codings, in the order they were applied. */
function contentCodings(res: IncomingMessage): string[] {
  return (res.headers["content-encoding"] ?? "")
    .toLowerCase()
    .split(",")
    .map((c) => c.trim())
    .filter((c) => c !== "" && c !== "identity");
}

/** The body with the encodings fetch would undo (a server may apply one unasked), last first. */
function decoded(res: IncomingMessage, codings: readonly string[]): Readable {
  let stream: Readable = res;
  for (const coding of [...codings].reverse()) {
    const decoder =
      coding === "gzip" || coding === "x-gzip"
        ? createGunzip()
        : coding === "deflate"
          ? createInflate()
          : coding === "br"
            ? createBrotliDecompress()
            : undefined;
    if (decoder === undefined) return stream; // unknown: fetch passes the bytes through as well
    const source = stream;
    source.on("error", (error) => decoder.destroy(error));
    stream = source.pipe(decoder);
  }
  return stream;
}

/** A ReadableStream over a Node stream that pauses it while the reader is behind. */
function bodyStream(
  source: Readable,
  destroy: () => void,
  ended: () => void,
): { stream: ReadableStream<Uint8Array>; abort(reason: unknown): void } {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let done = false;
  const finish = (error?: unknown) => {
    if (done) return;
    done = true;
    ended();
    if (error === undefined) controller.close();
    else controller.error(error);
  };
  const stream = new ReadableStream<Uint8Array>(
    {
      start(c) {
        controller = c;
        source.on("data", (chunk: Buffer) => {
          if (done) return;
          // A plain Uint8Array view (no copy): Buffer's slice() would not copy for a consumer.
          controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
          if ((controller.desiredSize ?? 0) <= 0) source.pause();
        });
        source.on("end", () => finish());
        // A connection cut before the whole body arrived is an error too ("aborted", ECONNRESET).
        source.on("error", (error) => finish(new TypeError("terminated", { cause: error })));
      },
      pull() {
        source.resume();
      },
      cancel() {
        done = true;
        ended();
        destroy();
      },
    },
    { highWaterMark: BODY_HIGH_WATER_MARK },
  );
  return {
    stream,
    abort(reason) {
      finish(reason);
      destroy();
    },
  };
}
