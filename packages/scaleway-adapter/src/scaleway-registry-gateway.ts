import type { CallOptions, PullCoordinates, RegistryGateway, UsableCredential } from "@regscan/core";
import { registryApi, type TransportOptions } from "./scaleway-client.js";
import { notFound, scrubSecret, toDomainError } from "./scaleway-errors.js";
import {
  imageTags,
  namespaceImages,
  projectNamespaces,
  resolveImage,
  resolveNamespace,
  type ScalewaySession,
} from "./scaleway-session.js";
import { toImage, toNamespace, toTag } from "./to-port.js";

/** Options of {@link createScalewayRegistryGateway}; every field has a production default. */
export interface ScalewayRegistryGatewayOptions {
  /** Scaleway API base URL (`REGSCAN_SCALEWAY_API_URL`). Default `https://api.scaleway.com`. */
  apiUrl?: string;
  /**
   * Registry host or base URL for pulls, `{region}` is replaced (`REGSCAN_SCALEWAY_REGISTRY`).
   * Default `rg.{region}.scw.cloud`; may be `http://127.0.0.1:5000` in tests.
   */
  registry?: string;
  /** The fetch to use (default: global fetch). */
  fetch?: typeof fetch;
  /** Timeout of every HTTP attempt, in ms. Default 15000. */
  timeoutMs?: number;
  /** Retries of a 429 / 5xx / network failure after the first attempt. Default 3. */
  retries?: number;
  /** First backoff delay, doubled per retry (with jitter). Default 500 ms. */
  baseDelayMs?: number;
  /** Longest wait between retries; a longer `Retry-After` gives up at once. Default 30000 ms. */
  maxDelayMs?: number;
  /** Waits between retries (injected for deterministic tests). */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Jitter source in [0, 1) (injected for deterministic tests). Default Math.random. */
  random?: () => number;
  /** Current time in ms, for `Retry-After` dates (injected for deterministic tests). Default Date.now. */
  now?: () => number;
  /** Pages of one listing fetched in parallel. Default 4. */
  concurrency?: number;
}

/**
 * The Scaleway Container Registry behind core's `RegistryGateway`: Registry API v1 through the
 * official SDK, every listing complete, errors translated to domain codes with a fix in the message.
 * The secret key goes only to the configured API origin (and, as pull password, to the registry).
 */
export function createScalewayRegistryGateway(options: ScalewayRegistryGatewayOptions = {}): RegistryGateway {
  const apiUrl = (options.apiUrl ?? "https://api.scaleway.com").replace(/\/+$/, "");
  const registry = (options.registry ?? "rg.{region}.scw.cloud").replace(/\/+$/, "");
  const transport: TransportOptions = {
    apiOrigin: new URL(apiUrl).origin,
    fetch: options.fetch ?? ((input, init) => fetch(input, init)),
    timeoutMs: options.timeoutMs ?? 15_000,
    retries: options.retries ?? 3,
    baseDelayMs: options.baseDelayMs ?? 500,
    maxDelayMs: options.maxDelayMs ?? 30_000,
    sleep: options.sleep ?? sleep,
    random: options.random ?? Math.random,
    now: options.now ?? Date.now,
  };
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const registryFor = (region: string): string => registry.replaceAll("{region}", region);
  /** `rg.fr-par.scw.cloud/ns/image:tag` (or `@sha256:…`); a base URL's scheme is dropped. */
  const imageRef = (region: string, namespace: string, image: string, reference: string): string =>
    `${registryFor(region).replace(/^https?:\/\//, "")}/${namespace}/${image}${reference.startsWith("sha256:") ? "@" : ":"}${reference}`;

  async function withSession<T>(
    credential: UsableCredential,
    callOptions: CallOptions | undefined,
    run: (session: ScalewaySession) => Promise<T>,
  ): Promise<T> {
    const api = registryApi(apiUrl, transport, credential.secretKey, callOptions?.signal);
    try {
      return await run({ api, credential, concurrency });
    } catch (error) {
      // The caller cancelled: report its reason, not a Scaleway failure.
      if (callOptions?.signal?.aborted) throw callOptions.signal.reason;
      throw scrubSecret(toDomainError(error, credential.scalewayProjectId), credential.secretKey);
    }
  }

  return {
    registryHost: (credential) => registryFor(credential.region).replace(/^https?:\/\//, ""),

    verify: (credential, callOptions) =>
      withSession(credential, callOptions, async (session) => {
        await resolveNamespace(session, credential.namespace);
      }),

    listNamespaces: (credential, callOptions) =>
      withSession(credential, callOptions, async (session) => (await projectNamespaces(session)).map(toNamespace)),

    listImages: (credential, namespace, callOptions) =>
      withSession(credential, callOptions, async (session) => {
        const ns = await resolveNamespace(session, namespace);
        return (await namespaceImages(session, ns)).map(toImage);
      }),

    listTags: (credential, namespace, image, callOptions) =>
      withSession(credential, callOptions, async (session) => {
        const ns = await resolveNamespace(session, namespace);
        const img = await resolveImage(session, ns, image);
        return (await imageTags(session, ns, img)).map((tag) => ({
          ...toTag(tag),
          imageRef: imageRef(credential.region, ns.name, img.name, tag.name),
        }));
      }),

    pullSource: (credential, namespace, image, tag, callOptions) =>
      withSession(credential, callOptions, async (session): Promise<PullCoordinates> => {
        const ns = await resolveNamespace(session, namespace);
        const img = await resolveImage(session, ns, image);
        // A digest names content (it may be one platform of a tagged index, which no tag lists):
        // the registry itself answers whether it exists.
        if (!tag.startsWith("sha256:")) {
          const tags = await imageTags(session, ns, img, tag);
          if (!tags.some((t) => t.name === tag)) throw notFound({ kind: "tag", namespace, image, tag });
        }
        return {
          registry: registryFor(credential.region),
          repository: `${ns.name}/${img.name}`,
          reference: tag,
          imageRef: imageRef(credential.region, ns.name, img.name, tag),
          username: "nologin",
          password: credential.secretKey,
        };
      }),
  };
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
