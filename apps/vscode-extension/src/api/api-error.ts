/**
 * Errors of calls to the regscan API: the problem+json `code` the API answered with, or a client
 * code (`unreachable`, `timeout`, `bad_response`) when no readable answer came. Never holds the token.
 */
import type { ClientErrorCode } from "../errors/error-messages.js";

export class ApiError extends Error {
  override readonly name = "ApiError";
  constructor(
    /** The API's error code, or a client code; a code unknown to this version is kept as is. */
    readonly code: string,
    /** The API's `detail` (what failed and what to check), or the client's description. */
    message: string,
    /** HTTP status, null when no answer came. */
    readonly status: number | null = null,
    readonly details: Record<string, unknown> | undefined = undefined,
  ) {
    super(message);
  }
}

export function isApiError(e: unknown): e is ApiError {
  return typeof e === "object" && e !== null && (e as { name?: unknown }).name === "ApiError";
}

export function clientError(code: ClientErrorCode, message: string, status: number | null = null): ApiError {
  return new ApiError(code, message, status);
}

/** Largest answer the extension reads (a findings page of 100 items is ~100 KiB). */
export const MAX_RESPONSE_BYTES = 8 * 1024 * 1024;

/** Reads a body as text, refusing more than `maxBytes` (the rest is never buffered). */
export async function readBoundedText(response: Response, maxBytes = MAX_RESPONSE_BYTES): Promise<string> {
  const declared = Number(response.headers.get("content-length") ?? "0");
  if (declared > maxBytes) {
    await response.body?.cancel();
    throw clientError("bad_response", `The answer is larger than ${maxBytes} bytes.`, response.status);
  }
  if (!response.body) return "";
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = "";
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw clientError("bad_response", `The answer is larger than ${maxBytes} bytes.`, response.status);
    }
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
}

/** The JSON of a 2xx answer, or the ApiError its problem+json (or its absence) describes. */
export async function readJson<T>(response: Response, maxBytes = MAX_RESPONSE_BYTES): Promise<T> {
  const text = await readBoundedText(response, maxBytes);
  let body: unknown;
  try {
    body = text === "" ? null : JSON.parse(text);
  } catch (e) {
    if (!(e instanceof SyntaxError)) throw e;
    throw clientError(
      "bad_response",
      response.ok
        ? "The answer is not JSON."
        : `HTTP ${response.status} without a regscan problem document (a proxy in between?).`,
      response.status,
    );
  }
  if (response.ok) return body as T;
  throw problemError(response.status, body);
}

function problemError(status: number, body: unknown): ApiError {
  const problem = (typeof body === "object" && body !== null ? body : {}) as Record<string, unknown>;
  const code = typeof problem.code === "string" && /^[a-z_]{1,64}$/.test(problem.code) ? problem.code : null;
  if (!code) {
    return clientError(
      "bad_response",
      `HTTP ${status} without a regscan problem document (a proxy in between?).`,
      status,
    );
  }
  const detail = typeof problem.detail === "string" ? problem.detail.slice(0, 2000) : `HTTP ${status}`;
  const details =
    typeof problem.details === "object" && problem.details !== null
      ? (problem.details as Record<string, unknown>)
      : undefined;
  return new ApiError(code, detail, status, details);
}
