/**
 * Which token services may receive a registry's credentials. Trust is per origin (scheme, host,
 * port), never per host name: a realm on the registry's host but another port or scheme is
 * another service. The registry's own origin always may. Some registries run their token service
 * on a host of their own, over https on port 443 only: Docker Hub (`auth.docker.io`) and Scaleway
 * (`rg.<region>.scw.cloud` → `api.scaleway.com`). Any other origin must be listed by the caller
 * (`tokenRealmHosts`, the CLI's `REGSCAN_TRUSTED_TOKEN_HOSTS`).
 */
const KNOWN_TOKEN_SERVICES: ReadonlyArray<{ registry: (origin: URL) => boolean; tokenOrigin: string }> = [
  { registry: (o) => o.origin === "https://registry-1.docker.io", tokenOrigin: "https://auth.docker.io" },
  {
    registry: (o) => o.protocol === "https:" && o.port === "" && /^rg\.[a-z]{2}-[a-z]{3}\.scw\.cloud$/.test(o.hostname),
    tokenOrigin: "https://api.scaleway.com",
  },
];

/**
 * True when `realm` matches a trusted entry: `host` (any port), `host:port`, or an origin
 * `scheme://host[:port]` (that scheme only). Without a scheme, the realm's scheme must be the
 * registry's (https, or http when the registry itself is plain http).
 */
function listed(entry: string, realm: URL, registry: URL): boolean {
  const e = entry.trim().toLowerCase();
  if (e === "") return false;
  if (/^[a-z][a-z0-9+.-]*:\/\//.test(e)) {
    try {
      return new URL(e).origin === realm.origin;
    } catch {
      return false; // not an origin: matches nothing
    }
  }
  if (realm.protocol !== registry.protocol && realm.protocol !== "https:") return false;
  return (
    e === realm.hostname || e === realm.host || (realm.port === "" && e === `${realm.hostname}:${defaultPort(realm)}`)
  );
}

function defaultPort(url: URL): string {
  return url.protocol === "http:" ? "80" : "443";
}

/**
 * True when credentials for the registry at `registryOrigin` (`https://host[:port]`) may go to
 * the token realm `realm`.
 */
export function realmMayGetCredentials(
  registryOrigin: string | URL,
  realm: URL,
  trusted: readonly string[] = [],
): boolean {
  const registry = new URL(registryOrigin);
  if (realm.origin === registry.origin) return true;
  if (trusted.some((entry) => listed(entry, realm, registry))) return true;
  return KNOWN_TOKEN_SERVICES.some((known) => known.registry(registry) && known.tokenOrigin === realm.origin);
}
