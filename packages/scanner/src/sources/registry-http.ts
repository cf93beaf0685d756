/**
 * HTTP plumbing of the registry client: redirects followed by hand (credentials only ever go to
 * the origin they belong to), retries on 429/503, and HTTP failures mapped to DomainErrors.
 */
import { DomainError } from "@regscan/core";

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

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
}

const MAX_REDIRECTS = 5;
const MAX_RETRIES = 2;

/** GET `url`, following up to 5 redirects itself; returns the final (non-redirect) response. */
export async function getFollowingRedirects(url: string, o: FollowOptions): Promise<Response> {
  let target = new URL(url);
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    if (target.protocol !== "https:" && !(target.protocol === "http:" && o.insecure)) {
      throw new DomainError(
        "upstream_unavailable",
        `${o.label} sent regscan to ${target.protocol}//${target.host}, which is not https; allow plain http with --insecure.`,
      );
    }
    const headers: Record<string, string> = { ...o.headers };
    if (o.authorization && target.origin === o.authOrigin) headers.authorization = o.authorization;
    const res = await getWithRetries(target, headers, o);
    const location = res.headers.get("location");
    if (res.status >= 300 && res.status < 400 && location) {
      await res.body?.cancel().catch(() => undefined);
      target = new URL(location, target);
      continue;
    }
    return res;
  }
  throw new DomainError("upstream_unavailable", `${o.label} redirected more than ${MAX_REDIRECTS} times.`);
}

async function getWithRetries(target: URL, headers: Record<string, string>, o: FollowOptions): Promise<Response> {
  for (let attempt = 0; ; attempt++) {
    let res: Response;
    try {
      res = await o.fetch(target.href, { method: "GET", headers, redirect: "manual", signal: o.signal });
    } catch (e) {
      if (o.signal?.aborted) throw e;
      // Only the host: redirect URLs may carry signed query strings.
      throw new DomainError("upstream_unavailable", `Cannot reach ${target.host} (${o.label}): ${errorText(e)}.`, {
        host: target.host,
      });
    }
    if ((res.status !== 429 && res.status !== 503) || attempt >= MAX_RETRIES) return res;
    await res.body?.cancel().catch(() => undefined);
    const after = Number(res.headers.get("retry-after"));
    const delay =
      Number.isFinite(after) && after > 0 ? Math.min(after, 10) * 1000 : (o.retryDelayMs ?? 500) * (attempt + 1);
    await new Promise((r) => setTimeout(r, delay));
  }
}

function errorText(e: unknown): string {
  const cause = (e as { cause?: { code?: string; message?: string } })?.cause;
  return cause?.code ?? cause?.message ?? (e instanceof Error ? e.message : "network error");
}

/** Registry error codes of the Distribution spec from an error body, best effort. */
export async function registryErrorCodes(res: Response): Promise<string[]> {
  try {
    const text = await res.text();
    const body = JSON.parse(text.slice(0, 65536)) as { errors?: Array<{ code?: unknown }> };
    return (body.errors ?? []).map((e) => String(e.code ?? ""));
  } catch {
    return [];
  }
}

export interface StatusContext {
  registry: string;
  repository: string;
  /** What was requested: "manifest", "blob", "token". */
  what: "manifest" | "blob" | "token" | "ping";
  reference?: string;
  hasCredentials: boolean;
}

/** Maps a failed response to the DomainError the user should see. */
export async function errorForStatus(res: Response, c: StatusContext): Promise<DomainError> {
  const codes = await registryErrorCodes(res);
  const where = `${c.registry}/${c.repository}`;
  if (res.status === 401) {
    return new DomainError(
      "credential_invalid",
      c.hasCredentials
        ? `Registry ${c.registry} rejected the credentials for ${c.repository}; check the username and password.`
        : `Registry ${c.registry} requires credentials for ${c.repository}; provide a username and password (regscan: --creds user:password).`,
      { registry: c.registry },
    );
  }
  if (res.status === 403) {
    return new DomainError("credential_forbidden", `The credentials may not pull ${where} from ${c.registry}.`, {
      registry: c.registry,
    });
  }
  if (res.status === 404 && c.what === "manifest") {
    const byDigest = c.reference?.startsWith("sha256:") ?? false;
    if (codes.includes("NAME_UNKNOWN") || byDigest) {
      return new DomainError("image_not_found", `${where}${byDigest ? `@${c.reference}` : ""} does not exist.`);
    }
    return new DomainError("tag_not_found", `${where} has no tag ${c.reference}.`, { tag: c.reference });
  }
  if (res.status === 404 && c.what === "blob") {
    return new DomainError("scan_failed", `Registry ${c.registry} has no blob ${c.reference} of ${c.repository}.`);
  }
  if (res.status === 429)
    return new DomainError("rate_limited", `Registry ${c.registry} is rate limiting requests; try again later.`);
  return new DomainError(
    "upstream_unavailable",
    `Registry ${c.registry} answered HTTP ${res.status} to the ${c.what} request for ${c.repository}.`,
    { status: res.status },
  );
}
