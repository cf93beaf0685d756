/** Registry HTTP failures mapped to the DomainError a user should see, reading error bodies bounded. */
import { DomainError, isDomainError } from "@regscan/core";
import type { HttpResponse } from "./registry-http.js";

/** Bytes of an error body read for its error codes; the rest is never read (the body is cancelled). */
export const MAX_ERROR_BODY_BYTES = 64 * 1024;

/**
 * Registry error codes of the Distribution spec from an error body, best effort: reads at most
 * `MAX_ERROR_BODY_BYTES`, then cancels the body. A body that is larger (its JSON would be cut),
 * not JSON, or breaks off or stalls while read gives no codes.
 */
export async function registryErrorCodes(res: HttpResponse): Promise<string[]> {
  if (!res.body) return [];
  const announced = Number(res.headers.get("content-length"));
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  let complete = false;
  try {
    if (!(announced > MAX_ERROR_BODY_BYTES)) {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) {
          complete = true;
          break;
        }
        total += value.byteLength;
        if (total > MAX_ERROR_BODY_BYTES) break;
        chunks.push(value);
      }
    }
  } catch (e) {
    // The body broke off or stalled (watchBody's upstream_unavailable): the status still says what failed.
    if (!(isDomainError(e) && e.code === "upstream_unavailable")) throw e;
  } finally {
    if (!complete) await reader.cancel().catch(() => undefined); // abandoned: the rest is never read
    reader.releaseLock();
  }
  if (!complete) return [];
  let text = "";
  const decoder = new TextDecoder();
  for (const c of chunks) text += decoder.decode(c, { stream: true });
  text += decoder.decode();
  let body: { errors?: unknown };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    return []; // not JSON: no codes
  }
  return Array.isArray(body?.errors) ? body.errors.map((e: { code?: unknown }) => String(e?.code ?? "")) : [];
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
export async function errorForStatus(res: HttpResponse, c: StatusContext): Promise<DomainError> {
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
