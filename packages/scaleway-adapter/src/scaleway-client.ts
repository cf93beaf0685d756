import {
  createAdvancedClient,
  withAdditionalInterceptors,
  withHTTPClient,
  withProfile,
  withUserAgentSuffix,
} from "@scaleway/sdk-client";
import { Registryv1 } from "@scaleway/sdk-registry";
import { createGuardedFetch, type GuardedFetchOptions } from "./guarded-fetch.js";

/** Transport settings for one gateway (everything but the per-call key and signal). */
export type TransportOptions = Omit<GuardedFetchOptions, "signal">;

/**
 * An official Scaleway Registry v1 client for one call: the secret key goes in `X-Auth-Token`
 * through a request interceptor (the SDK only authenticates when given an access key too), and
 * every HTTP exchange goes through the guarded fetch (origin check, timeout, retries, no redirects).
 */
export function registryApi(
  apiUrl: string,
  transport: TransportOptions,
  secretKey: string,
  signal: AbortSignal | undefined,
): Registryv1.API {
  const httpClient = createGuardedFetch({ ...transport, signal }) as typeof fetch;
  const client = createAdvancedClient(
    withProfile({ apiURL: apiUrl }),
    withHTTPClient(httpClient),
    withUserAgentSuffix("regscan"),
    withAdditionalInterceptors([
      {
        request: ({ request }) => {
          const authenticated = new Request(request);
          // Only the configured API origin ever gets the key.
          if (new URL(authenticated.url).origin === transport.apiOrigin)
            authenticated.headers.set("x-auth-token", secretKey);
          return authenticated;
        },
      },
    ]),
  );
  return new Registryv1.API(client);
}
