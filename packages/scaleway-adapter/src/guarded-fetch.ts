import { DomainError } from "@regscan/core";
import { retryDelayMs } from "./retry-delay.js";

/** How the adapter talks HTTP: injected so tests are deterministic. */
export interface GuardedFetchOptions {
  /** Origin (scheme://host:port) the secret key may be sent to. */
  apiOrigin: string;
  fetch: typeof fetch;
  timeoutMs: number;
  /** Retries after the first attempt for 429 / 5xx / network failures. */
  retries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  random: () => number;
  /** Current time in ms (for `Retry-After` HTTP dates). */
  now: () => number;
  /** The caller's signal (cancellation); every attempt also gets its own timeout. */
  signal?: AbortSignal | undefined;
}

/**
 * A `fetch` for the Scaleway SDK's `httpClient` setting: refuses to send the key to any origin but
 * the configured API, never follows redirects, times out every attempt and retries 429 / 5xx with
 * exponential backoff + jitter honouring `Retry-After`. Other 4xx responses are returned as-is for
 * the SDK to parse. Exhausted retries throw `rate_limited` / `upstream_unavailable`.
 */
export function createGuardedFetch(
  options: GuardedFetchOptions,
): (input: RequestInfo | URL, init?: RequestInit) => Promise<Response> {
  return async (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    if (url.origin !== options.apiOrigin) {
      // Never reached with the SDK's fixed apiURL; a guard so a bug cannot leak the key elsewhere.
      throw new DomainError("upstream_unavailable", "Refused to send a Scaleway request to an unexpected host.", {
        host: url.host,
      });
    }
    const where = `${request.method} ${url.pathname}`;
    let lastFailure: { status: number; body: unknown } | null = null;
    for (let attempt = 0; attempt <= options.retries; attempt++) {
      let response: Response;
      try {
        response = await send(request, options);
      } catch (error) {
        if (options.signal?.aborted) throw options.signal.reason;
        if (isTimeout(error)) {
          throw new DomainError(
            "upstream_unavailable",
            `Scaleway did not answer within ${options.timeoutMs} ms (${where}). Check Scaleway's status page and retry later.`,
            { timeoutMs: options.timeoutMs, path: url.pathname },
          );
        }
        lastFailure = { status: 0, body: null };
        if (attempt < options.retries) {
          await options.sleep(retryDelayMs(attempt, null, options), options.signal);
          continue;
        }
        throw new DomainError(
          "upstream_unavailable",
          `Could not reach the Scaleway API at ${options.apiOrigin}. Check the network and REGSCAN_SCALEWAY_API_URL.`,
          { path: url.pathname, attempts: attempt + 1 },
        );
      }
      if (response.status >= 300 && response.status < 400) {
        await response.body?.cancel();
        throw new DomainError(
          "upstream_unavailable",
          `The Scaleway API answered with a redirect (${response.status}), which regscan does not follow with a key. Check REGSCAN_SCALEWAY_API_URL.`,
          { status: response.status, path: url.pathname },
        );
      }
      if (response.status !== 429 && response.status < 500) return response;
      const body = await readBody(response);
      lastFailure = { status: response.status, body };
      if (attempt >= options.retries) break;
      const retryAfter = parseRetryAfter(response.headers.get("retry-after"), options.now());
      if (retryAfter !== null && retryAfter > options.maxDelayMs) break;
      await options.sleep(retryDelayMs(attempt, retryAfter, options), options.signal);
    }
    const attempts = options.retries + 1;
    const status = lastFailure?.status ?? 0;
    const scaleway = lastFailure ? safeScalewayBody(lastFailure.body) : undefined;
    if (status === 429) {
      throw new DomainError(
        "rate_limited",
        "Scaleway kept answering 429 Too Many Requests. Wait a minute and retry; reduce how often the registry is listed.",
        { status, path: url.pathname, attempts, scaleway },
      );
    }
    throw new DomainError(
      "upstream_unavailable",
      `The Scaleway API failed with HTTP ${status} (${where}). Check Scaleway's status page and retry later.`,
      { status, path: url.pathname, attempts, scaleway },
    );
  };
}

async function send(request: Request, options: GuardedFetchOptions): Promise<Response> {
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  return options.fetch(request.url, { method: request.method, headers: request.headers, redirect: "manual", signal });
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text().catch(() => "");
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/** `Retry-After` as milliseconds (delta-seconds or HTTP date), or null when absent / unreadable. */
export function parseRetryAfter(value: string | null, nowMs: number): number | null {
  if (value === null || value.trim() === "") return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  if (!/^[a-z]{3}, /i.test(trimmed)) return null; // HTTP-date: "Thu, 26 Nov 2026 12:00:00 GMT"
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return null;
  return Math.max(0, date - nowMs);
}

const SAFE_BODY_FIELDS = ["message", "type", "details", "reason", "resource", "resource_id", "help_message", "fields"];

/** The parts of a Scaleway error body that are safe and useful to keep in DomainError details. */
export function safeScalewayBody(body: unknown): Record<string, unknown> | undefined {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return undefined;
  const out: Record<string, unknown> = {};
  for (const field of SAFE_BODY_FIELDS) {
    const value = (body as Record<string, unknown>)[field];
    if (value !== undefined) out[field] = value;
  }
  return out;
}
