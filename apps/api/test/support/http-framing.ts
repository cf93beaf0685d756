/**
 * Just enough HTTP/1.1 framing for the registry proxy: where each request head ends (GET/HEAD
 * requests, no pipelining: what fetch sends to a registry), and how each response from the
 * registry splits into head and body bytes (Content-Length, chunked, or no body).
 */

export interface RequestHead {
  method: string;
  path: string;
}

/** Collects bytes from the client and returns each request head as it completes. */
export class RequestFramer {
  #buffer: Buffer = Buffer.alloc(0);
  #skip = 0;

  push(chunk: Buffer): RequestHead[] {
    this.#buffer = Buffer.concat([this.#buffer, chunk]);
    const heads: RequestHead[] = [];
    for (;;) {
      if (this.#skip > 0) {
        const n = Math.min(this.#skip, this.#buffer.length);
        this.#skip -= n;
        this.#buffer = this.#buffer.subarray(n);
        if (this.#skip > 0) return heads;
      }
      const end = this.#buffer.indexOf("\r\n\r\n");
      if (end < 0) return heads;
      const head = this.#buffer.subarray(0, end).toString("latin1");
      this.#buffer = this.#buffer.subarray(end + 4);
      const [method = "", path = ""] = head.split("\r\n", 1)[0]!.split(" ");
      this.#skip = Number(/\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1] ?? 0);
      heads.push({ method, path });
    }
  }
}

/** A piece of the response stream: a head (with its status and body length) or body bytes. */
export type ResponsePiece =
  | { kind: "head"; bytes: Buffer; status: number; contentLength: number | null }
  | { kind: "body"; bytes: Buffer; payload: number }
  | { kind: "end" };

type State =
  | { at: "head" }
  | { at: "length"; left: number }
  | { at: "chunk-size" }
  | { at: "chunk-data"; left: number }
  | { at: "trailer" };

/**
 * Splits the registry's byte stream into response pieces. `bodyless()` says whether the response
 * now starting answers a HEAD request (no body whatever its headers say).
 */
export class ResponseFramer {
  #buffer: Buffer = Buffer.alloc(0);
  #state: State = { at: "head" };

  constructor(private readonly bodyless: () => boolean) {}

  push(chunk: Buffer): ResponsePiece[] {
    this.#buffer = this.#buffer.length === 0 ? chunk : Buffer.concat([this.#buffer, chunk]);
    const out: ResponsePiece[] = [];
    for (;;) {
      const s = this.#state;
      if (s.at === "head") {
        const end = this.#buffer.indexOf("\r\n\r\n");
        if (end < 0) return out;
        const bytes = this.#buffer.subarray(0, end + 4);
        this.#buffer = this.#buffer.subarray(end + 4);
        const head = bytes.toString("latin1");
        const status = Number(head.split(" ", 2)[1]);
        const length = /\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1];
        const chunked = /\r\ntransfer-encoding:[^\r]*chunked/i.test(head);
        const noBody = this.bodyless() || status === 204 || status === 304 || (status >= 100 && status < 200);
        out.push({ kind: "head", bytes, status, contentLength: length === undefined ? null : Number(length) });
        if (noBody || (!chunked && (length === undefined || Number(length) === 0))) {
          out.push({ kind: "end" });
        } else {
          this.#state = chunked ? { at: "chunk-size" } : { at: "length", left: Number(length) };
        }
      } else if (s.at === "length" || s.at === "chunk-data") {
        if (this.#buffer.length === 0) return out;
        const n = Math.min(s.left, this.#buffer.length);
        const bytes = this.#buffer.subarray(0, n);
        this.#buffer = this.#buffer.subarray(n);
        // A chunk's data is followed by CRLF, counted in `left` but not payload.
        const crlf = s.at === "chunk-data" ? 2 : 0;
        const payload = Math.max(0, s.left - crlf) - Math.max(0, s.left - n - crlf);
        s.left -= n;
        out.push({ kind: "body", bytes, payload });
        if (s.left === 0) {
          if (s.at === "length") {
            out.push({ kind: "end" });
            this.#state = { at: "head" };
          } else {
            this.#state = { at: "chunk-size" };
          }
        }
      } else {
        const end = this.#buffer.indexOf("\r\n");
        if (end < 0) return out;
        const line = this.#buffer.subarray(0, end + 2);
        this.#buffer = this.#buffer.subarray(end + 2);
        out.push({ kind: "body", bytes: line, payload: 0 });
        if (s.at === "trailer") {
          if (end === 0) {
            out.push({ kind: "end" });
            this.#state = { at: "head" };
          }
        } else {
          const size = Number.parseInt(line.toString("latin1"), 16);
          this.#state = size === 0 ? { at: "trailer" } : { at: "chunk-data", left: size + 2 };
        }
      }
    }
  }
}
