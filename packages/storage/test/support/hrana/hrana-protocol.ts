/**
 * Test support: the JSON shapes of Hrana over HTTP (protocol v2, plus v3's `get_autocommit` and
 * `is_autocommit`), decoded strictly. A request that does not fit is a `ProtocolError`, which the
 * server answers with HTTP 400 as Turso's server (sqld) does.
 * Reference: https://github.com/tursodatabase/libsql/blob/main/docs/HRANA_3_SPEC.md
 */

/** A malformed request: HTTP 400, text/plain. */
export class ProtocolError extends Error {
  override readonly name = "ProtocolError";
}

export type Value = null | bigint | number | string | Uint8Array;

export interface Stmt {
  sql: string | undefined;
  sqlId: number | undefined;
  args: Value[];
  namedArgs: Array<{ name: string; value: Value }>;
  wantRows: boolean;
}

export type BatchCond =
  | { type: "ok" | "error"; step: number }
  | { type: "not"; cond: BatchCond }
  | { type: "and" | "or"; conds: BatchCond[] }
  | { type: "is_autocommit" };

export interface BatchStep {
  condition: BatchCond | undefined;
  stmt: Stmt;
}

export type StreamRequest =
  | { type: "close" }
  | { type: "execute"; stmt: Stmt }
  | { type: "batch"; steps: BatchStep[] }
  | { type: "sequence"; sql: string | undefined; sqlId: number | undefined }
  | { type: "describe" }
  | { type: "store_sql"; sqlId: number; sql: string }
  | { type: "close_sql"; sqlId: number }
  | { type: "get_autocommit" };

export interface PipelineRequest {
  baton: string | null;
  requests: StreamRequest[];
}

export interface Limits {
  /** Requests in one pipeline. */
  maxRequests: number;
  /** Steps in one batch. */
  maxBatchSteps: number;
  /** Nesting of batch conditions. */
  maxCondDepth: number;
}

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

function obj(v: unknown, what: string): Obj {
  if (!isObj(v)) throw new ProtocolError(`${what} must be a JSON object`);
  return v;
}

function optString(v: unknown, what: string): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "string") throw new ProtocolError(`${what} must be a string`);
  return v;
}

function optInt(v: unknown, what: string): number | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "number" || !Number.isInteger(v)) throw new ProtocolError(`${what} must be an integer`);
  return v;
}

function int(v: unknown, what: string): number {
  const n = optInt(v, what);
  if (n === undefined) throw new ProtocolError(`${what} is required`);
  return n;
}

function array(v: unknown, what: string, max: number): unknown[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw new ProtocolError(`${what} must be an array`);
  if (v.length > max)
    throw new ProtocolError(`${what} has ${v.length} entries, more than the ${max} this server takes`);
  return v;
}

export function decodeValue(v: unknown): Value {
  const o = obj(v, "a value");
  switch (o.type) {
    case "null":
      return null;
    case "integer": {
      if (typeof o.value !== "string" || !/^-?\d{1,20}$/.test(o.value)) {
        throw new ProtocolError("an integer value must be a decimal string");
      }
      const n = BigInt(o.value);
      if (n < -(2n ** 63n) || n >= 2n ** 63n) throw new ProtocolError("an integer value must fit in 64 bits");
      return n;
    }
    case "float":
      if (typeof o.value !== "number") throw new ProtocolError("a float value must be a number");
      return o.value;
    case "text":
      if (typeof o.value !== "string") throw new ProtocolError("a text value must be a string");
      return o.value;
    case "blob":
      if (typeof o.base64 !== "string" || !/^[A-Za-z0-9+/]*={0,2}$/.test(o.base64)) {
        throw new ProtocolError("a blob value must carry base64");
      }
      return new Uint8Array(Buffer.from(o.base64, "base64"));
    default:
      throw new ProtocolError(`unknown value type ${JSON.stringify(o.type)}`);
  }
}

export function encodeValue(v: unknown): Obj {
  if (v === null || v === undefined) return { type: "null" };
  if (typeof v === "bigint") return { type: "integer", value: v.toString() };
  if (typeof v === "number") return { type: "float", value: v };
  if (typeof v === "string") return { type: "text", value: v };
  if (v instanceof Uint8Array) return { type: "blob", base64: Buffer.from(v).toString("base64") };
  throw new Error(`cannot encode a ${typeof v} as a Hrana value`);
}

function decodeStmt(v: unknown): Stmt {
  const o = obj(v, "stmt");
  const namedArgs = array(o.named_args, "stmt.named_args", 32766).map((a) => {
    const arg = obj(a, "a named argument");
    const name = optString(arg.name, "named_args[].name");
    if (name === undefined) throw new ProtocolError("a named argument needs a name");
    return { name, value: decodeValue(arg.value) };
  });
  const wantRows = o.want_rows === undefined || o.want_rows === null ? true : o.want_rows;
  if (typeof wantRows !== "boolean") throw new ProtocolError("stmt.want_rows must be a boolean");
  return {
    sql: optString(o.sql, "stmt.sql"),
    sqlId: optInt(o.sql_id, "stmt.sql_id"),
    args: array(o.args, "stmt.args", 32766).map(decodeValue),
    namedArgs,
    wantRows,
  };
}

function decodeCond(v: unknown, stepIndex: number, depth: number, limits: Limits): BatchCond {
  if (depth > limits.maxCondDepth)
    throw new ProtocolError(`a batch condition is nested deeper than ${limits.maxCondDepth}`);
  const o = obj(v, "a batch condition");
  switch (o.type) {
    case "ok":
    case "error": {
      const step = int(o.step, "condition.step");
      // A condition may only look back (sqld: BatchCondBadStep).
      if (step < 0 || step >= stepIndex)
        throw new ProtocolError(`condition refers to step ${step}, not an earlier one`);
      return { type: o.type, step };
    }
    case "not":
      return { type: "not", cond: decodeCond(o.cond, stepIndex, depth + 1, limits) };
    case "and":
    case "or":
      return {
        type: o.type,
        conds: array(o.conds, "condition.conds", limits.maxBatchSteps).map((c) =>
          decodeCond(c, stepIndex, depth + 1, limits),
        ),
      };
    case "is_autocommit":
      return { type: "is_autocommit" };
    default:
      throw new ProtocolError(`unknown batch condition type ${JSON.stringify(o.type)}`);
  }
}

function decodeRequest(v: unknown, limits: Limits): StreamRequest {
  const o = obj(v, "a stream request");
  switch (o.type) {
    case "close":
    case "describe":
    case "get_autocommit":
      return { type: o.type };
    case "execute":
      return { type: "execute", stmt: decodeStmt(o.stmt) };
    case "batch": {
      const batch = obj(o.batch, "batch");
      const steps = array(batch.steps, "batch.steps", limits.maxBatchSteps).map((s, i) => {
        const step = obj(s, "a batch step");
        const condition =
          step.condition === undefined || step.condition === null
            ? undefined
            : decodeCond(step.condition, i, 0, limits);
        return { condition, stmt: decodeStmt(step.stmt) };
      });
      return { type: "batch", steps };
    }
    case "sequence":
      return { type: "sequence", sql: optString(o.sql, "sequence.sql"), sqlId: optInt(o.sql_id, "sequence.sql_id") };
    case "store_sql": {
      const sql = optString(o.sql, "store_sql.sql");
      if (sql === undefined) throw new ProtocolError("store_sql needs sql");
      return { type: "store_sql", sqlId: int(o.sql_id, "store_sql.sql_id"), sql };
    }
    case "close_sql":
      return { type: "close_sql", sqlId: int(o.sql_id, "close_sql.sql_id") };
    default:
      throw new ProtocolError(`unknown stream request type ${JSON.stringify(o.type)}`);
  }
}

/** Decodes a `POST /v2/pipeline` body. */
export function decodePipeline(text: string, limits: Limits): PipelineRequest {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // A body that is not JSON is the client's mistake: the 400 below says so.
    throw new ProtocolError("the request body is not JSON");
  }
  const o = obj(parsed, "the pipeline request");
  const baton = optString(o.baton, "baton") ?? null;
  const requests = array(o.requests, "requests", limits.maxRequests).map((r) => decodeRequest(r, limits));
  return { baton, requests };
}
