/**
 * Which token services may receive a registry's credentials. A registry's own host always may.
 * Some registries run their token service on a host of their own: Docker Hub (auth.docker.io)
 * and Scaleway (`rg.<region>.scw.cloud` → `api.scaleway.com`). Any other host must be listed by
 * the caller (`tokenRealmHosts`, the CLI's `REGSCAN_TRUSTED_TOKEN_HOSTS`).
 */
const KNOWN_TOKEN_HOSTS: ReadonlyArray<{ registry: (host: string) => boolean; tokenHost: string }> = [
  { registry: (host) => host === "registry-1.docker.io", tokenHost: "auth.docker.io" },
  { registry: (host) => /^rg\.[a-z]{2}-[a-z]{3}\.scw\.cloud$/.test(host), tokenHost: "api.scaleway.com" },
];

/** True when credentials for `registryHost` may go to the token realm `realm`. */
export function realmMayGetCredentials(registryHost: string, realm: URL, extraHosts: readonly string[] = []): boolean {
  if (realm.hostname === registryHost) return true;
  if (extraHosts.includes(realm.hostname) || extraHosts.includes(realm.host)) return true;
  return (
    realm.protocol === "https:" &&
    KNOWN_TOKEN_HOSTS.some((known) => known.registry(registryHost) && known.tokenHost === realm.hostname)
  );
}
