/**
 * Test support (Node): a Hrana-over-HTTP server on 127.0.0.1 (free port) over one libSQL database
 * file, standing in for Turso in tests: `@libsql/client/web` (the Worker) and `@libsql/client`
 * with an `http://` URL (the CLI, the migrate command) talk to it exactly as to Turso.
 *
 * `POST /v2/pipeline` runs execute, batch (with conditions), sequence, store_sql, close_sql,
 * get_autocommit and close. A stream is one SQL connection kept across HTTP requests by its baton
 * (each response hands out the next one; an old or concurrent baton is refused), so interactive
 * transactions work; an idle stream expires after `streamIdleMs` and its transaction is rolled
 * back. Bodies, pipelines, batches, stored SQL texts, open streams and result sizes are bounded.
 * Answers follow Turso's server (sqld): malformed requests 400 text, an expired stream 500 JSON
 * `STREAM_EXPIRED`, statement failures as results with `SQLITE_*` codes.
 */
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import Database from "libsql";
import { HranaConnection, type ResponseBudget, StmtError } from "./hrana-connection.js";
import {
  decodePipeline,
  type Limits,
  type PipelineRequest,
  ProtocolError,
  type StreamRequest,
} from "./hrana-protocol.js";

export interface HranaServerOptions {
  /** The database file (created when missing). */
  path: string;
  /** When set, requests must send `Authorization: Bearer <authToken>` (as Turso requires), else 401. */
  authToken?: string;
  /** Largest request body (default 16 MiB): larger answers 413. */
  maxBodyBytes?: number;
  /** Result rows one pipeline may return, in JSON bytes (default 16 MiB). */
  maxResponseBytes?: number;
  /** An unused stream expires after this long (default 10 s, as on Turso). */
  streamIdleMs?: number;
  /** How long a statement waits for another stream's write lock (default 5 s). */
  busyTimeoutMs?: number;
  /** Streams open at once (default 256). */
  maxStreams?: number;
}

export interface HranaServer {
  /** `http://127.0.0.1:PORT`: the database URL to give a libSQL client. */
  url: string;
  /** Streams open now (tests check that clients close them). */
  readonly openStreams: number;
  /** `POST /v2/pipeline` requests handled so far. */
  readonly pipelines: number;
  /**
   * A database outage (fault tests): from the first pipeline whose SQL matches `pattern` (that one
   * included, nothing of it executed), every request answers 503 for `durationMs`.
   */
  outageOn(pattern: RegExp, durationMs: number): void;
  close(): Promise<void>;
}

interface Stream {
  id: string;
  seq: number;
  conn: HranaConnection;
  sqls: Map<number, string>;
  acquired: boolean;
  expiresAt: number;
}

const LIMITS: Limits = { maxRequests: 1000, maxBatchSteps: 10_000, maxCondDepth: 32 };
/** Turso's server: at most 50 stored SQL texts per stream, each at most 5 KB. */
const MAX_STORED_SQLS = 50;
const MAX_STORED_SQL_BYTES = 5000;
const EXPIRED_KEPT_MS = 5 * 60_000;

class HttpFailure extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly json?: { message: string; code: string },
  ) {
    super(message);
  }
}

export async function startHranaServer(options: HranaServerOptions): Promise<HranaServer> {
  const maxBodyBytes = options.maxBodyBytes ?? 16 * 1024 * 1024;
  const maxResponseBytes = options.maxResponseBytes ?? 16 * 1024 * 1024;
  const idleMs = options.streamIdleMs ?? 10_000;
  const busyTimeoutMs = options.busyTimeoutMs ?? 5000;
  const maxStreams = options.maxStreams ?? 256;
  const streams = new Map<string, Stream>();
  const expired = new Map<string, number>();
  const idle: HranaConnection[] = [];
  let outage: { pattern: RegExp; durationMs: number; until: number | null } | null = null;
  let pipelines = 0;

  // WAL lets readers run beside a writer; synchronous = NORMAL skips the fsync per commit (a test
  // database needs no durability against power loss, and fsyncs made each write ~40 ms here).
  const connect = () => {
    const db = new Database(options.path);
    db.exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL");
    return new HranaConnection(db, busyTimeoutMs);
  };
  idle.push(connect());

  const openConnection = () => idle.pop() ?? connect();
  const releaseConnection = (conn: HranaConnection) => {
    if (conn.autocommit && idle.length < 4) idle.push(conn);
    else conn.close();
  };
  const closeStream = (stream: Stream) => {
    streams.delete(stream.id);
    releaseConnection(stream.conn);
  };

  const sweeper = setInterval(() => {
    const now = Date.now();
    for (const stream of streams.values()) {
      if (!stream.acquired && stream.expiresAt <= now) {
        closeStream(stream);
        expired.set(stream.id, now);
      }
    }
    for (const [id, at] of expired) if (now - at > EXPIRED_KEPT_MS) expired.delete(id);
  }, 250);
  sweeper.unref();

  function acquire(baton: string | null): Stream {
    if (baton === null) {
      if (streams.size >= maxStreams) throw new HttpFailure(503, `more than ${maxStreams} streams are open`);
      const stream: Stream = {
        id: randomBytes(16).toString("hex"),
        seq: 0,
        conn: openConnection(),
        sqls: new Map(),
        acquired: true,
        expiresAt: 0,
      };
      streams.set(stream.id, stream);
      return stream;
    }
    const match = /^([0-9a-f]{32})\.(\d{1,15})$/.exec(baton);
    if (!match) throw new ProtocolError("the baton is invalid");
    const [, id = "", seq = ""] = match;
    if (expired.has(id)) {
      const message = "The stream has expired due to inactivity";
      throw new HttpFailure(500, message, { message, code: "STREAM_EXPIRED" });
    }
    const stream = streams.get(id);
    if (!stream) throw new ProtocolError("the baton is invalid: no such stream");
    if (stream.acquired || stream.seq !== Number(seq)) throw new ProtocolError("the baton has been reused");
    stream.acquired = true;
    return stream;
  }

  async function handleRequest(stream: Stream, request: StreamRequest, budget: ResponseBudget) {
    switch (request.type) {
      case "close":
        return { type: "close" };
      case "execute":
        return { type: "execute", result: await stream.conn.execute(request.stmt, stream.sqls, budget) };
      case "batch":
        return { type: "batch", result: await stream.conn.batch(request.steps, stream.sqls, budget) };
      case "sequence":
        stream.conn.sequence(request.sql, request.sqlId, stream.sqls);
        return { type: "sequence" };
      case "describe":
        throw new StmtError("NOT_SUPPORTED", "describe is not supported by this test server");
      case "store_sql":
        if (stream.sqls.has(request.sqlId)) throw new ProtocolError(`sql_id ${request.sqlId} is already stored`);
        if (stream.sqls.size >= MAX_STORED_SQLS) {
          throw new StmtError(
            "SQL_STORE_TOO_MANY",
            `The server already stores ${stream.sqls.size} SQL texts, it cannot store more`,
          );
        }
        if (Buffer.byteLength(request.sql) > MAX_STORED_SQL_BYTES) {
          throw new StmtError("SQL_STORE_TOO_LARGE", "The statement is too large to be stored");
        }
        stream.sqls.set(request.sqlId, request.sql);
        return { type: "store_sql" };
      case "close_sql":
        stream.sqls.delete(request.sqlId);
        return { type: "close_sql" };
      case "get_autocommit":
        return { type: "get_autocommit", is_autocommit: stream.conn.autocommit };
    }
  }

  function sqlTexts(pipeline: PipelineRequest): string[] {
    return pipeline.requests.flatMap((r) => {
      if (r.type === "execute") return [r.stmt.sql ?? ""];
      if (r.type === "batch") return r.steps.map((s) => s.stmt.sql ?? "");
      if (r.type === "sequence" || r.type === "store_sql") return [r.sql ?? ""];
      return [];
    });
  }

  function checkOutage(pipeline: PipelineRequest | null): void {
    const now = Date.now();
    if (outage?.until != null) {
      if (now < outage.until) throw new HttpFailure(503, "the database is unavailable (test outage)");
      outage = null;
    }
    if (outage && pipeline && sqlTexts(pipeline).some((sql) => outage?.pattern.test(sql))) {
      outage.until = now + outage.durationMs;
      throw new HttpFailure(503, "the database is unavailable (test outage)");
    }
  }

  async function pipeline(body: string) {
    pipelines++;
    checkOutage(null);
    const request = decodePipeline(body, LIMITS);
    checkOutage(request);
    const stream = acquire(request.baton);
    const budget: ResponseBudget = { remaining: maxResponseBytes };
    const results: unknown[] = [];
    let closed = false;
    try {
      for (const r of request.requests) {
        if (closed) throw new ProtocolError("the stream was closed by an earlier request of this pipeline");
        try {
          results.push({ type: "ok", response: await handleRequest(stream, r, budget) });
        } catch (e) {
          if (!(e instanceof StmtError)) throw e;
          results.push({ type: "error", error: { message: e.message, code: e.code } });
        }
        if (r.type === "close") closed = true;
      }
    } catch (e) {
      closeStream(stream);
      throw e;
    }
    if (closed) {
      closeStream(stream);
      return { baton: null, base_url: null, results };
    }
    stream.seq++;
    stream.acquired = false;
    stream.expiresAt = Date.now() + idleMs;
    return { baton: `${stream.id}.${stream.seq}`, base_url: null, results };
  }

  const server = createServer((req, res) => {
    serve(req, res).catch((e: unknown) => {
      const failure =
        e instanceof HttpFailure ? e : e instanceof ProtocolError ? new HttpFailure(400, e.message) : null;
      if (!failure) console.error("hrana test server:", e);
      const status = failure?.status ?? 500;
      if (res.headersSent) return void res.destroy();
      if (failure?.json) {
        res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(failure.json));
      } else {
        res.writeHead(status, { "content-type": "text/plain" }).end(failure?.message ?? "internal error");
      }
    });
  });

  async function serve(req: IncomingMessage, res: ServerResponse) {
    if (options.authToken !== undefined && req.headers.authorization !== `Bearer ${options.authToken}`) {
      req.resume();
      throw new HttpFailure(401, "Unauthorized: send the database's auth token as a bearer token");
    }
    const path = (req.url ?? "/").split("?")[0];
    if (req.method === "GET" && (path === "/" || path === "/v2")) {
      req.resume();
      res.writeHead(200, { "content-type": "text/plain" }).end("Hrana over HTTP (v2), regscan test server");
      return;
    }
    if (req.method !== "POST" || path !== "/v2/pipeline") {
      req.resume();
      throw new HttpFailure(404, `no route for ${req.method} ${path}`);
    }
    const body = await readBody(req, maxBodyBytes);
    const answer = JSON.stringify(await pipeline(body), (_k, v) => (typeof v === "bigint" ? v.toString() : v));
    res.writeHead(200, { "content-type": "application/json" }).end(answer);
  }

  // Clients keep connections alive between requests; Node's default 5 s idle timeout would close
  // one just as a client reuses it ("Network connection lost" in workerd). Turso keeps them longer.
  server.keepAliveTimeout = 120_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get openStreams() {
      return streams.size;
    },
    get pipelines() {
      return pipelines;
    },
    outageOn(pattern, durationMs) {
      outage = { pattern, durationMs, until: null };
    },
    async close() {
      clearInterval(sweeper);
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      for (const stream of [...streams.values()]) closeStream(stream);
      for (const conn of idle.splice(0)) conn.close();
    },
  };
}

function readBody(req: IncomingMessage, max: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers["content-length"]);
    if (declared > max) {
      req.resume();
      return reject(new HttpFailure(413, `the request body is larger than ${max} bytes`));
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) {
        req.removeAllListeners("data");
        req.resume();
        reject(new HttpFailure(413, `the request body is larger than ${max} bytes`));
      } else chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}
