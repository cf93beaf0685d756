/**
 * Image source over the OCI Distribution v2 API (fetch only: runs on Node and Workers).
 * `insecure: true` talks plain http:// to the registry (and accepts http:// redirects and token
 * realms); otherwise everything is https. See registry-auth.ts for where credentials may go.
 */
import { DomainError } from "@regscan/core";
import { type Sha256Factory, webSha256 } from "../walk/sha256.js";
import {
  formatImageReference,
  parseImageReference,
  type RegistryReference,
  redactUserinfo,
  registryApiHost,
} from "./image-reference.js";
import type { ImageSource, LayerDescriptor, Platform } from "./image-source.js";
import type { Descriptor } from "./manifest-document.js";
import { MANIFEST_ACCEPT } from "./media-types.js";
import { DEFAULT_PLATFORM, parsePlatform } from "./platform.js";
import { RegistryAuth, type RegistryCredentials } from "./registry-auth.js";
import { errorForStatus, type StatusContext } from "./registry-errors.js";
import { type FetchLike, getFollowingRedirects, type HttpResponse } from "./registry-http.js";
import { type RegistryTimeouts, registryTimeouts } from "./registry-timeouts.js";
import { type ManifestStore, resolveImage } from "./resolve-image.js";
import { type SourceLimits, sourceLimits } from "./source-limits.js";
import { digestOf, readAllLimited, verifiedBlobStream } from "./verify-digest.js";

export interface RegistrySourceOptions {
  /** `docker://HOST/REPO:TAG`, `HOST/REPO@sha256:…`, or a parsed reference. */
  ref: string | RegistryReference;
  /** Sent only to the registry's origin (and a trusted token realm). */
  credentials?: RegistryCredentials;
  /** Use http:// instead of https://. */
  insecure?: boolean;
  /** Platform to pick from a manifest list / index. Default linux/amd64. */
  platform?: Platform | string;
  fetch?: FetchLike;
  limits?: Partial<SourceLimits>;
  /** Incremental SHA-256 (the Node entry passes node:crypto). */
  sha256?: Sha256Factory;
  /** Extra token-realm hosts that may receive the credentials (e.g. a registry's separate auth host). */
  tokenRealmHosts?: readonly string[];
  /** Delay before retrying 429/503 answers, in ms (default 500). */
  retryDelayMs?: number;
  /**
   * Time limits for each registry request (default `DEFAULT_REGISTRY_TIMEOUTS`: 30 s for the
   * response headers, connecting included; 30 s for a body to deliver its next 16 KiB; 60 s for
   * a whole manifest, config or token). Exceeding one is `upstream_unavailable`.
   */
  timeouts?: Partial<RegistryTimeouts>;
}

/** Creates an ImageSource that pulls from an OCI Distribution v2 registry. */
export function createRegistrySource(options: RegistrySourceOptions): ImageSource {
  const ref = typeof options.ref === "string" ? parseImageReference(options.ref) : options.ref;
  if (ref.transport !== "docker") {
    throw new DomainError(
      "validation_failed",
      `createRegistrySource needs a registry reference, not ${ref.transport}:.`,
    );
  }
  const insecure = options.insecure ?? false;
  const origin = registryOrigin(ref.registry, insecure);
  const repoPath = `${origin}/v2/${ref.repository}`;
  const display = formatImageReference(ref);
  const repoName = `${ref.registry}/${ref.repository}`;
  const sha256 = options.sha256 ?? webSha256;
  const limits = sourceLimits(options.limits);
  const timeouts = registryTimeouts(options.timeouts);
  const fetchFn: FetchLike = options.fetch ?? ((input, init) => fetch(input, init));
  const auth = new RegistryAuth({
    fetch: fetchFn,
    registry: ref.registry,
    origin,
    repository: ref.repository,
    credentials: options.credentials,
    insecure,
    tokenRealmHosts: options.tokenRealmHosts,
    retryDelayMs: options.retryDelayMs,
    timeouts,
  });
  const context = (what: StatusContext["what"], reference: string): StatusContext => ({
    registry: ref.registry,
    repository: ref.repository,
    what,
    reference,
    hasCredentials: options.credentials !== undefined,
  });

  /**
   * An authenticated GET that re-authenticates once on 401 and maps failures. `document`: the
   * body is read whole (a manifest or config), so it must arrive within `timeouts.documentMs`.
   */
  async function get(
    url: string,
    accept: string | undefined,
    c: StatusContext,
    signal: AbortSignal | undefined,
    document: boolean,
  ): Promise<HttpResponse> {
    await auth.ensure(signal);
    for (let attempt = 0; ; attempt++) {
      const follow = auth.followOptions(signal, c.what === "blob" ? `blob ${c.reference}` : c.what, document);
      if (accept) follow.headers = { accept };
      const res = await getFollowingRedirects(url, follow);
      if (res.ok) return res;
      if (res.status === 401 && attempt === 0 && (await auth.retryAfter401(res, signal))) {
        await res.body?.cancel().catch(() => undefined);
        continue;
      }
      throw await errorForStatus(res, c);
    }
  }

  // Registries answer MANIFEST_UNKNOWN for a missing repository too: ask for its tags to tell.
  async function tagOrImageNotFound(e: unknown, signal?: AbortSignal): Promise<never> {
    if ((e as { code?: string }).code !== "tag_not_found") throw e;
    const probe = await get(`${repoPath}/tags/list?n=1`, undefined, context("manifest", "tags"), signal, true).then(
      (res) =>
        res.body?.cancel().then(
          () => true,
          () => true,
        ) ?? true,
      (failure: unknown) => !["tag_not_found", "image_not_found"].includes((failure as { code?: string }).code ?? ""), // 404: no such repository
    );
    if (probe) throw e;
    throw new DomainError("image_not_found", `${repoName} does not exist.`);
  }

  const tooLarge = (what: string, limit: number) => () =>
    new DomainError("image_too_large", `The ${what} of ${display} is larger than the limit of ${limit} bytes.`, {
      limit,
    });

  async function readLimited(res: HttpResponse, max: number, what: string): Promise<Uint8Array> {
    const length = Number(res.headers.get("content-length"));
    if (Number.isFinite(length) && length > max) {
      await res.body?.cancel().catch(() => undefined);
      throw tooLarge(what, max)();
    }
    return res.body ? readAllLimited(res.body, max, tooLarge(what, max)) : new Uint8Array();
  }

  const store: ManifestStore = {
    async fetchManifest(reference, maxBytes, signal) {
      const res = await get(
        `${repoPath}/manifests/${reference}`,
        MANIFEST_ACCEPT,
        context("manifest", reference),
        signal,
        true,
      ).catch((e: unknown) => tagOrImageNotFound(e, signal));
      const bytes = await readLimited(res, maxBytes, "manifest");
      const announced = res.headers.get("docker-content-digest");
      if (announced?.startsWith("sha256:") && digestOf(bytes, sha256) !== announced) {
        throw new DomainError(
          "scan_failed",
          `The manifest of ${display} does not match the digest the registry announced.`,
        );
      }
      const contentType = res.headers.get("content-type") ?? undefined;
      return contentType ? { bytes, contentType } : { bytes };
    },
    async fetchBlob(descriptor: Descriptor, maxBytes, signal) {
      const res = await get(
        `${repoPath}/blobs/${descriptor.digest}`,
        undefined,
        context("blob", descriptor.digest),
        signal,
        true,
      );
      return readLimited(res, maxBytes, "config");
    },
  };

  return {
    resolve: (o) =>
      resolveImage(store, {
        ref: display,
        reference: ref.digest ?? ref.tag ?? "latest",
        platform:
          options.platform === undefined
            ? DEFAULT_PLATFORM
            : typeof options.platform === "string"
              ? parsePlatform(options.platform)
              : options.platform,
        explicitPlatform: options.platform !== undefined,
        limits,
        sha256,
        signal: o?.signal,
      }),
    async openBlob(layer: LayerDescriptor, o) {
      const res = await get(
        `${repoPath}/blobs/${layer.digest}`,
        undefined,
        context("blob", layer.digest),
        o?.signal,
        false,
      );
      if (!res.body)
        throw new DomainError("scan_failed", `Registry ${ref.registry} sent an empty body for ${layer.digest}.`);
      const label = `Layer ${layer.digest} of ${display}`;
      const broken = () =>
        new DomainError("upstream_unavailable", `The download of ${label.toLowerCase()} broke off; try again.`, {
          digest: layer.digest,
        });
      // A body that broke off or stalled (watchBody's upstream_unavailable) names the layer too:
      // a scan that gives up on it reports `scan_failed` with that digest.
      const named = (e: DomainError) =>
        e.details?.digest === undefined
          ? new DomainError(e.code, e.message, { ...e.details, digest: layer.digest }, { cause: e })
          : e;
      return verifiedBlobStream(res.body, {
        expected: layer,
        label,
        sha256,
        mapError: broken,
        annotate: named,
        signal: o?.signal,
      });
    },
  };
}

/** `https://HOST[:PORT]` (or http://) of a registry's API; a host a URL cannot hold is `validation_failed`. */
function registryOrigin(registry: string, insecure: boolean): string {
  try {
    return new URL(`${insecure ? "http" : "https"}://${registryApiHost(registry)}`).origin;
  } catch {
    throw new DomainError("validation_failed", `Invalid registry host "${redactUserinfo(registry).slice(0, 100)}".`, {
      field: "registry",
    });
  }
}
