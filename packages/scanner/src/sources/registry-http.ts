/**
 * HTTP plumbing of the registry client: redirects followed by hand (credentials only ever go to
 * the origin they belong to: same scheme, host and port), retries on 429/503, time limits
 * (registry-timeouts.ts), and HTTP failures mapped to DomainErrors.
 */
import { DomainError } from "@regscan/core";
import {
  DEFAULT_REGISTRY_TIMEOUTS,
  errorText,
  formatDuration,
  type RegistryTimeouts,
  watchBody,
} from "./registry-timeouts.js";

/** The request the registry client makes: a GET whose redirects it follows itself. */
export interface FetchInit {
  method: "GET";
  headers: Record<string, string>;
  redirect: "manual";
  signal?: AbortSignal;
}

/**
 * What the registry client reads of a response: a fetch `Response` is one, and so is the Node
 * entry's node:http answer (node-http-fetch.ts), which spares a CLI run undici's memory.
 */
export interface HttpResponse {
  readonly status: number;
  readonly statusText: string;
  readonly ok: boolean;
  readonly headers: { get(name: string): string | null };
  readonly body: ReadableStream<Uint8Array> | null;
}

/** `fetch`, or any function that makes the same GET and answers the same way. */
export type FetchLike = (input: string, init: FetchInit) => Promise<HttpResponse>;

export interface FollowOptions {
  fetch: FetchLike;
  headers: Record<string, string>;
  /** `Authorization` for requests to `authOrigin` only (dropped on redirects to any other origin). */
  authorization?: string;
  authOrigin: string;
  /** Whether plain http:// targets are allowed. */
  insecure: boolean;
  signal?: AbortSignal;
  /** What is being fetched, for messages ("registry 127.0.0.1:5000"). */
  label: string;
  /** Delay before retrying a 429/503 (tests set 0). */
  retryDelayMs?: number;
  /** Time limits (default DEFAULT_REGISTRY_TIMEOUTS). */
  timeouts?: RegistryTimeouts;
  /**
   * The body is a small document read whole (manifest, config, token): it must arrive within
   * `timeouts.documentMs`. Error bodies always are.
   */
  document?: boolean;
}

const MAX_REDIRECTS = 5;
const MAX_RETRIES = 2;

/**
 * GET `url`, following up to 5 redirects itself; returns the final (non-redirect) response, whose
 * body fails with `upstream_unavailable` when it stalls or breaks off (see `watchBody`).
 */
export async function getFollowingRedirects(url: string, o: FollowOptions): Promise<HttpResponse> {
  let target = withoutUserinfo(new URL(url));
  const authOrigin = new URL(o.authOrigin).origin;
  const timeouts = o.timeouts ?? DEFAULT_REGISTRY_TIMEOUTS;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    if (target.protocol !== "https:" && !(target.protocol === "http:" && o.insecure)) {
      throw new DomainError(
        "upstream_unavailable",
        `${o.label} sent regscan to ${target.protocol}//${target.host}, which is not https; allow plain http with --insecure.`,
      );
    }
    const headers: Record<string, string> = { ...o.headers };
    if (o.authorization && target.origin === authOrigin) headers.authorization = o.authorization;
    const res = await getWithRetries(target, headers, o, timeouts);
    const location = res.headers.get("location");
    if (res.status >= 300 && res.status < 400 && location) {
      await res.body?.cancel().catch(() => undefined);
      try {
        target = withoutUserinfo(new URL(location, target));
      } catch {
        throw new DomainError("upstream_unavailable", `${o.label} sent a redirect to an invalid URL.`);
      }
      continue;
    }
    if (!res.body) return res;
    const body = watchBody(res.body, {
      timeouts,
      document: o.document === true || !res.ok,
      label: o.label,
      signal: o.signal,
    });
    return { status: res.status, statusText: res.statusText, ok: res.ok, headers: res.headers, body };
  }
  throw new DomainError("upstream_unavailable", `${o.label} redirected more than ${MAX_REDIRECTS} times.`);
}

/** Credentials in a URL are never sent (and fetch refuses them): a registry's URL loses them. */
function withoutUserinfo(url: URL): URL {
  url.username = "";
  url.password = "";
  return url;
}

/** One GET whose response headers must arrive within `timeouts.headersMs` (connecting included). */
async function fetchWithHeaderTimeout(
  target: URL,
  headers: Record<string, string>,
  o: FollowOptions,
  timeouts: RegistryTimeouts,
): Promise<HttpResponse> {
  const timer = new AbortController();
  const signal = o.signal ? AbortSignal.any([o.signal, timer.signal]) : timer.signal;
  const handle = setTimeout(() => timer.abort(), timeouts.headersMs);
  try {
    return await o.fetch(target.href, { method: "GET", headers, redirect: "manual", signal });
  } catch (e) {
    if (o.signal?.aborted) throw e;
    // Only the host: redirect URLs may carry signed query strings.
    if (timer.signal.aborted) {
      throw new DomainError(
        "upstream_unavailable",
        `${o.label.charAt(0).toUpperCase()}${o.label.slice(1)} did not answer within ${formatDuration(timeouts.headersMs)} (${target.host}); check the network, or allow more time (regscan: --timeout).`,
        { host: target.host },
      );
    }
    throw new DomainError("upstream_unavailable", `Cannot reach ${target.host} (${o.label}): ${errorText(e)}.`, {
      host: target.host,
    });
  } finally {
    clearTimeout(handle);
  }
}

async function getWithRetries(
  target: URL,
  headers: Record<string, string>,
  o: FollowOptions,
  timeouts: RegistryTimeouts,
): Promise<HttpResponse> {
  for (let attempt = 0; ; attempt++) {
    const res = await fetchWithHeaderTimeout(target, headers, o, timeouts);
    if ((res.status !== 429 && res.status !== 503) || attempt >= MAX_RETRIES) return res;
    await res.body?.cancel().catch(() => undefined);
    const after = Number(res.headers.get("retry-after"));
    const delay =
      Number.isFinite(after) && after > 0 ? Math.min(after, 10) * 1000 : (o.retryDelayMs ?? 500) * (attempt + 1);
    await new Promise((r) => setTimeout(r, delay));
  }
}
