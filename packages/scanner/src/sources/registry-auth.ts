/**
 * Registry authentication from `WWW-Authenticate` challenges: Basic, or Bearer via the token
 * endpoint (`realm?service=…&scope=repository:REPO:pull`), anonymous or with Basic credentials.
 *
 * Where credentials go: to the registry's own origin, and to a token realm only when the realm is
 * on the registry's origin (same scheme, host and port), is the known token service of that
 * registry (https://auth.docker.io for Docker Hub, https://api.scaleway.com for Scaleway), or is
 * listed by the caller in `tokenRealmHosts` (token-realm-trust.ts). Docker sends them to any
 * realm; we do not, so a registry (or a tampered challenge) cannot point the secret at another
 * origin. A foreign realm gets an anonymous request.
 */
import { DomainError } from "@regscan/core";
import { errorForStatus } from "./registry-errors.js";
import { type FetchLike, type FollowOptions, getFollowingRedirects, type HttpResponse } from "./registry-http.js";
import type { RegistryTimeouts } from "./registry-timeouts.js";
import { realmMayGetCredentials } from "./token-realm-trust.js";
import { readAllLimited } from "./verify-digest.js";
import { type AuthChallenge, parseWwwAuthenticate } from "./www-authenticate.js";

export interface RegistryCredentials {
  username: string;
  password: string;
}

export interface RegistryAuthOptions {
  fetch: FetchLike;
  /** Registry as in references (`docker.io`, `127.0.0.1:5000`), for messages. */
  registry: string;
  /** Origin of the registry API (`https://registry-1.docker.io`). */
  origin: string;
  repository: string;
  credentials?: RegistryCredentials;
  insecure: boolean;
  tokenRealmHosts?: readonly string[];
  retryDelayMs?: number;
  timeouts?: RegistryTimeouts;
}

const utf8 = new TextEncoder();

function basic(c: RegistryCredentials): string {
  const bytes = utf8.encode(`${c.username}:${c.password}`);
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return `Basic ${btoa(binary)}`;
}

export class RegistryAuth {
  /** The `Authorization` header for registry requests, once known. */
  authorization: string | undefined;
  private pinged: Promise<void> | undefined;

  constructor(private readonly o: RegistryAuthOptions) {}

  /** `GET /v2/` once (concurrent callers share it), and authenticate for its challenge. */
  ensure(signal?: AbortSignal): Promise<void> {
    this.pinged ??= this.ping(signal).catch((e: unknown) => {
      this.pinged = undefined; // a later call may try again
      throw e;
    });
    return this.pinged;
  }

  private async ping(signal?: AbortSignal): Promise<void> {
    const res = await getFollowingRedirects(`${this.o.origin}/v2/`, this.followOptions(signal, "ping", true));
    if (res.status === 401) {
      await this.authenticate(parseWwwAuthenticate(res.headers.get("www-authenticate")), signal);
    } else if (!res.ok) {
      await res.body?.cancel().catch(() => undefined);
      throw new DomainError(
        "upstream_unavailable",
        `${this.o.registry} does not look like an OCI registry (GET /v2/ answered HTTP ${res.status}).`,
      );
    }
    await res.body?.cancel().catch(() => undefined);
  }

  /** After a 401 on a request: authenticate for its challenge. False when retrying is pointless. */
  async retryAfter401(res: HttpResponse, signal?: AbortSignal): Promise<boolean> {
    const before = this.authorization;
    await this.authenticate(parseWwwAuthenticate(res.headers.get("www-authenticate")), signal);
    return this.authorization !== undefined && this.authorization !== before;
  }

  /** Options for a request to the registry; `document`: the body is read whole (see FollowOptions). */
  followOptions(signal: AbortSignal | undefined, label: string, document = false): FollowOptions {
    return {
      fetch: this.o.fetch,
      headers: {},
      authorization: this.authorization,
      authOrigin: this.o.origin,
      insecure: this.o.insecure,
      signal,
      label: `registry ${this.o.registry} (${label})`,
      retryDelayMs: this.o.retryDelayMs,
      timeouts: this.o.timeouts,
      document,
    };
  }

  private async authenticate(challenges: AuthChallenge[], signal?: AbortSignal): Promise<void> {
    const bearer = challenges.find((c) => c.scheme === "bearer");
    if (bearer) {
      this.authorization = `Bearer ${await this.fetchToken(bearer, signal)}`;
      return;
    }
    if (challenges.some((c) => c.scheme === "basic") && this.o.credentials) {
      this.authorization = basic(this.o.credentials);
    }
  }

  private async fetchToken(challenge: AuthChallenge, signal?: AbortSignal): Promise<string> {
    let realm: URL;
    try {
      realm = new URL(challenge.params.realm ?? "");
    } catch {
      throw new DomainError(
        "upstream_unavailable",
        `Registry ${this.o.registry} sent a Bearer challenge without a valid realm.`,
      );
    }
    if (challenge.params.service) realm.searchParams.set("service", challenge.params.service);
    realm.searchParams.set("scope", challenge.params.scope ?? `repository:${this.o.repository}:pull`);
    realm.username = ""; // credentials never travel in a URL
    realm.password = "";
    const sendCredentials =
      this.o.credentials !== undefined && realmMayGetCredentials(this.o.origin, realm, this.o.tokenRealmHosts);
    const res = await getFollowingRedirects(realm.href, {
      ...this.followOptions(signal, "token", true),
      authorization: sendCredentials && this.o.credentials ? basic(this.o.credentials) : undefined,
      authOrigin: realm.origin,
    });
    if (!res.ok) {
      if (res.status === 401 && this.o.credentials && !sendCredentials) {
        await res.body?.cancel().catch(() => undefined);
        throw new DomainError(
          "credential_invalid",
          `The token service of ${this.o.registry} is on another origin (${realm.origin}) than the registry; regscan does not send the registry credentials there unless it is trusted (REGSCAN_TRUSTED_TOKEN_HOSTS, or tokenRealmHosts in the library).`,
          { registry: this.o.registry, realmOrigin: realm.origin },
        );
      }
      throw await errorForStatus(res, {
        registry: this.o.registry,
        repository: this.o.repository,
        what: "token",
        hasCredentials: sendCredentials,
      });
    }
    const tooLarge = () =>
      new DomainError("upstream_unavailable", `The token response of ${this.o.registry} is too large.`);
    const bytes = res.body ? await readAllLimited(res.body, 1024 * 1024, tooLarge) : new Uint8Array();
    let body: { token?: unknown; access_token?: unknown };
    try {
      body = JSON.parse(new TextDecoder().decode(bytes)) as typeof body;
    } catch {
      throw new DomainError(
        "upstream_unavailable",
        `The token service of ${this.o.registry} answered something else than JSON.`,
      );
    }
    const token = typeof body.token === "string" && body.token ? body.token : body.access_token;
    if (typeof token !== "string" || token === "") {
      throw new DomainError("upstream_unavailable", `The token service of ${this.o.registry} returned no token.`);
    }
    return token;
  }
}
