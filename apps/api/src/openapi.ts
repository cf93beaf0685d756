/**
 * The OpenAPI 3.1 document's top level (served at /openapi.json): info, servers and the tags every
 * operation uses. `pnpm lint:openapi` checks the whole document with Spectral and Redocly, and
 * test/openapi.test.ts checks that every operation has an id, a summary, tags and its problems.
 */
export const OPENAPI_TAGS = [
  { name: "Health", description: "Liveness and readiness probes (no token)." },
  {
    name: "Organizations",
    description: "Who the caller is, and the organizations that own projects, credentials and tokens.",
  },
  { name: "Projects", description: "Projects of an organization: where scans are started and read." },
  { name: "Tokens", description: "API tokens: issued with permissions, shown once, stored only as a hash." },
  {
    name: "Credentials",
    description: "Scaleway credentials (project ID, region, namespace, encrypted secret key) of an organization.",
  },
  { name: "Registry", description: "Browse a credential's Scaleway registry: namespaces, images and tags." },
  {
    name: "Scans",
    description: "Vulnerability scans of registry images: start, poll, findings, reports and SBOMs.",
  },
  { name: "Advisories", description: "The OSV advisory data scans are matched against." },
  { name: "Audit", description: "The audit trail of an organization." },
  { name: "Admin", description: "Instance administration (instance-admin tokens only)." },
];

const DESCRIPTION = `Store Scaleway registry credentials once, browse registries and scan images for vulnerabilities.

Every route under \`/v1\` except the health probes needs \`Authorization: Bearer <token>\`. Errors are
\`application/problem+json\` (RFC 9457) with a stable machine-readable \`code\`.

Requests are rate-limited per token (per client address without a valid token), by
\`REGSCAN_RATE_LIMIT_PER_MINUTE\`: every answer carries \`RateLimit-Limit\`, \`RateLimit-Remaining\` and
\`RateLimit-Reset\` (IETF draft RateLimit header fields); past the limit the answer is 429
\`rate_limited\` with \`Retry-After\`.`;

export const OPENAPI_DOCUMENT = {
  openapi: "3.1.0",
  info: {
    title: "regscan API",
    version: "1.0.0",
    description: DESCRIPTION,
  },
  // Relative: each regscan instance serves its own document, so the server is wherever it came from.
  servers: [{ url: "/", description: "The regscan API that served this document" }],
  tags: OPENAPI_TAGS,
};
