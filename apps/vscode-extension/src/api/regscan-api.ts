/**
 * The extension's only way to regscan: the API's typed client (`@regscan/api/client`, Hono RPC)
 * with the token in the Authorization header, a timeout on every call and bounded answers.
 */
import { type ApiClient, createApiClient } from "@regscan/api/client";
import { clientError, readJson } from "./api-error.js";
import type {
  Credential,
  Finding,
  Image,
  Me,
  Namespace,
  Page,
  Scan,
  ScanStatus,
  StartScanImage,
  Tag,
} from "./api-types.js";

export interface RegscanApiOptions {
  baseUrl: string;
  token: string;
  /** Per call; default 30 s. */
  timeoutMs?: number;
  fetch?: typeof fetch;
  /** Told about every call: method, path (no query, never the token), status or error code, time. */
  onRequest?: (call: { method: string; path: string; status: number | string; ms: number }) => void;
}

export interface BrowseOptions {
  cursor?: string | null;
  q?: string;
  limit?: number;
  refresh?: boolean;
}

type Signal = { signal?: AbortSignal };

/** Path parameters are not encoded by the RPC client; an image name may contain `/`. */
const seg = (value: string): string => {
  if (value === "") throw clientError("bad_response", "An empty name cannot be looked up.");
  return encodeURIComponent(value);
};

export class RegscanApi {
  private readonly client: ApiClient;
  readonly baseUrl: string;

  constructor(options: RegscanApiOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, "");
    const timeoutMs = options.timeoutMs ?? 30_000;
    const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
    this.client = createApiClient(this.baseUrl, {
      headers: { authorization: `Bearer ${options.token}` },
      fetch: async (input: RequestInfo | URL, init?: RequestInit) => {
        const timeout = AbortSignal.timeout(timeoutMs);
        const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
        const started = Date.now();
        const method = init?.method ?? "GET";
        const path = new URL(input instanceof Request ? input.url : String(input)).pathname;
        const told = (status: number | string) =>
          options.onRequest?.({ method, path, status, ms: Date.now() - started });
        try {
          // Redirects are not followed: the token is for the configured origin only.
          const response = await doFetch(input, { ...init, signal, redirect: "manual" });
          told(response.status);
          return response;
        } catch {
          // fetch rejects only for a cancelled call, a timeout or no connection (TypeError): each named below.
          if (init?.signal?.aborted) throw init.signal.reason;
          const failure = timeout.aborted
            ? clientError("timeout", `No answer from ${this.baseUrl} in ${timeoutMs / 1000} s.`)
            : clientError("unreachable", `Cannot connect to ${this.baseUrl}.`);
          told(failure.code);
          throw failure;
        }
      },
    });
  }

  me(o: Signal = {}): Promise<Me> {
    return this.json(this.client.v1.me.$get({}, { init: o }));
  }

  async credentials(projectId: string, o: Signal = {}): Promise<Credential[]> {
    const res = this.client.v1.projects[":projectId"].credentials.$get(
      { param: { projectId: seg(projectId) } },
      { init: o },
    );
    return (await this.json(res)).items;
  }

  namespaces(projectId: string, credentialId: string, b: BrowseOptions = {}): Promise<Page<Namespace>> {
    const route = this.client.v1.projects[":projectId"].credentials[":credentialId"].namespaces;
    return this.json(
      route.$get({ param: { projectId: seg(projectId), credentialId: seg(credentialId) }, query: query(b) }),
    );
  }

  images(projectId: string, credentialId: string, namespace: string, b: BrowseOptions = {}): Promise<Page<Image>> {
    const route = this.client.v1.projects[":projectId"].credentials[":credentialId"].namespaces[":namespace"].images;
    const param = { projectId: seg(projectId), credentialId: seg(credentialId), namespace: seg(namespace) };
    return this.json(route.$get({ param, query: query(b) }));
  }

  tags(
    projectId: string,
    credentialId: string,
    namespace: string,
    image: string,
    b: BrowseOptions = {},
  ): Promise<Page<Tag>> {
    const route =
      this.client.v1.projects[":projectId"].credentials[":credentialId"].namespaces[":namespace"].images[":image"].tags;
    const param = {
      projectId: seg(projectId),
      credentialId: seg(credentialId),
      namespace: seg(namespace),
      image: seg(image),
    };
    return this.json(route.$get({ param, query: query(b) }));
  }

  /** Starts a scan; the idempotency key makes a retried request return the same scan. */
  startScan(
    projectId: string,
    body: { credentialId: string; image: StartScanImage },
    idempotencyKey: string,
  ): Promise<Scan> {
    return this.json(
      this.client.v1.projects[":projectId"].scans.$post({
        param: { projectId: seg(projectId) },
        header: { "idempotency-key": idempotencyKey },
        json: body,
      }),
    );
  }

  getScan(projectId: string, scanId: string, o: Signal = {}): Promise<Scan> {
    const route = this.client.v1.projects[":projectId"].scans[":scanId"];
    return this.json(route.$get({ param: { projectId: seg(projectId), scanId: seg(scanId) } }, { init: o }));
  }

  listScans(
    projectId: string,
    filter: { image?: string; status?: ScanStatus; cursor?: string | null; limit?: number } = {},
  ): Promise<Page<Scan>> {
    const q: Record<string, string> = {};
    if (filter.image) q.image = filter.image;
    if (filter.status) q.status = filter.status;
    if (filter.cursor) q.cursor = filter.cursor;
    if (filter.limit) q.limit = String(filter.limit);
    return this.json(
      this.client.v1.projects[":projectId"].scans.$get({ param: { projectId: seg(projectId) }, query: q }),
    );
  }

  findings(
    projectId: string,
    scanId: string,
    filter: { severity?: string; cursor?: string | null; limit?: number } = {},
  ): Promise<Page<Finding>> {
    const q: Record<string, string> = {};
    if (filter.severity) q.severity = filter.severity;
    if (filter.cursor) q.cursor = filter.cursor;
    if (filter.limit) q.limit = String(filter.limit);
    const route = this.client.v1.projects[":projectId"].scans[":scanId"].findings;
    return this.json(route.$get({ param: { projectId: seg(projectId), scanId: seg(scanId) }, query: q }));
  }

  cancelScan(projectId: string, scanId: string): Promise<Scan> {
    const route = this.client.v1.projects[":projectId"].scans[":scanId"].cancel;
    return this.json(route.$post({ param: { projectId: seg(projectId), scanId: seg(scanId) } }));
  }

  /** Re-checks a credential against Scaleway (organization manage_integration). */
  verifyCredential(orgId: string, credentialId: string): Promise<Credential> {
    const route = this.client.v1.orgs[":orgId"].credentials[":credentialId"].verify;
    return this.json(route.$post({ param: { orgId: seg(orgId), credentialId: seg(credentialId) } }));
  }

  /** Liveness (no token needed): resolves when the API answers. */
  async health(o: Signal = {}): Promise<void> {
    await this.json(this.client.v1.health.$get({}, { init: o }));
  }

  private async json<R extends { ok: boolean; json(): Promise<unknown> }>(pending: Promise<R>): Promise<Success<R>> {
    const response = (await pending) as unknown as Response;
    if (response.status >= 300 && response.status < 400) {
      throw clientError(
        "bad_response",
        `regscan answered with a redirect (HTTP ${response.status}); check regscan.apiUrl.`,
      );
    }
    return readJson<Success<R>>(response);
  }
}

/** The JSON type of a route's 2xx answer. */
type Success<R> = Extract<R, { ok: true }> extends { json(): Promise<infer T> } ? T : never;

function query(b: BrowseOptions): Record<string, string> {
  const q: Record<string, string> = {};
  if (b.cursor) q.cursor = b.cursor;
  if (b.q) q.q = b.q;
  if (b.limit) q.limit = String(b.limit);
  if (b.refresh) q.refresh = "true";
  return q;
}
