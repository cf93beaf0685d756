import { createCredential } from "../credentials/create-credential.js";
import type { Finding, ScanJob } from "../model/scan.js";
import { setOrgFeatures } from "../orgs/organizations.js";
import { createFakeImageScanner, type FakeImage } from "../testing/fake-image-scanner.js";
import { createFakeRegistryGateway } from "../testing/fake-registry-gateway.js";
import { createMemoryDeps } from "../testing/memory-deps.js";
import { createMemoryJobQueue } from "../testing/memory-job-queue.js";
import { bootstrap } from "../tokens/bootstrap.js";
import { authenticate, createToken } from "../tokens/tokens.js";
import { DEFAULT_SCAN_POLICY, type ScanDeps, type ScanPolicy } from "./scan-deps.js";

export const SECRET = "a0000000-0000-4000-8000-000000000001";
const PROJECT = "22222222-2222-4222-8222-222222222222";
export const HOST = "rg.fr-par.scw.cloud";
export const digestOf = (n: number) => `sha256:${n.toString(16).padStart(64, "0")}`;

export const IMAGES: Record<string, FakeImage> = {
  [`${HOST}/team/app:1.0`]: { digest: digestOf(1), packages: ["openssl@3.0.1", "zlib@1.2"], layers: [100, 200, 300] },
  [`${HOST}/team/app:1.1`]: { digest: digestOf(2), packages: ["openssl@3.0.9"], layers: [100, 50] },
  [`${HOST}/team/app:same-as-1.0`]: {
    digest: digestOf(1),
    packages: ["openssl@3.0.1", "zlib@1.2"],
    layers: [100, 200, 300],
  },
};
IMAGES[`${HOST}/team/app:${digestOf(1)}`] = IMAGES[`${HOST}/team/app:1.0`]!;
/** An image whose inventory is incomplete (a cataloger failed on it). */
IMAGES[`${HOST}/team/app:broken`] = {
  digest: digestOf(7),
  packages: [],
  layers: [10],
  incomplete: [{ code: "cataloger_failed", message: "dpkg: the status file is corrupt" }],
};

export function finding(id: string, pkg: string, severity: Finding["severity"], fixed: string | null = null): Finding {
  const [name = pkg, version = ""] = pkg.split("@");
  return {
    id,
    aliases: [],
    packageName: name,
    packageVersion: version,
    type: "deb",
    ecosystem: "Debian:12",
    purl: `pkg:deb/debian/${name}@${version}`,
    fixedVersion: fixed,
    severity,
    summary: `${id} in ${name}`,
    layer: digestOf(99),
  };
}

export const ADVISORIES: Record<string, Finding[]> = {
  "openssl@3.0.1": [
    finding("CVE-2026-1", "openssl@3.0.1", "CRITICAL", "3.0.9"),
    finding("CVE-2026-2", "openssl@3.0.1", "LOW"),
  ],
  "zlib@1.2": [finding("CVE-2026-3", "zlib@1.2", "HIGH", "1.3")],
};

/**
 * Scan deps over in-memory fakes: an owner with `container_scanning`, a credential for the fake
 * registry, a reader token (project `read`), and a fake scanner holding {@link IMAGES}.
 */
export async function scanSetup(options: { policy?: Partial<ScanPolicy>; features?: boolean } = {}) {
  const registry = createFakeRegistryGateway({
    keys: [{ secretKey: SECRET, projects: [PROJECT], registryAccess: true, revoked: false }],
    namespaces: [
      {
        name: "team",
        region: "fr-par",
        projectId: PROJECT,
        images: [
          {
            name: "app",
            tags: [
              { name: "1.0", digest: digestOf(1) },
              { name: "1.1", digest: digestOf(2) },
              { name: "same-as-1.0", digest: digestOf(1) },
              { name: "broken", digest: digestOf(7) },
            ],
          },
        ],
      },
    ],
  });
  const base = createMemoryDeps({ registry });
  const scanner = createFakeImageScanner({ images: IMAGES, password: SECRET, advisories: ADVISORIES });
  const queue = createMemoryJobQueue();
  const scans = base.scans as typeof base.scans & { jobs(): ScanJob[] };
  let advisoryStatus = [
    { ecosystem: "Debian", records: 10, lastModified: null, importedAt: "2026-01-01T00:00:00.000Z" },
  ];
  const deps: ScanDeps = {
    ...base,
    registry,
    queue,
    scanner,
    advisories: { status: async () => advisoryStatus },
    scanPolicy: { ...DEFAULT_SCAN_POLICY, retryBaseMs: 1000, ...options.policy },
  };
  const { tokenValue } = await bootstrap(deps);
  const owner = await authenticate(deps, tokenValue);
  const orgId = owner.grants[0]?.orgId ?? "";
  const projectId = (await deps.orgs.listProjects(orgId))[0]?.id ?? "";
  if (options.features === false) await setOrgFeatures(deps, owner, orgId, []);
  const credential = await createCredential(
    deps,
    owner,
    orgId,
    {
      provider: "scaleway",
      scalewayProjectId: PROJECT,
      region: "fr-par",
      namespace: "team",
      secretKey: SECRET,
    },
    { verify: true },
  );
  const { value } = await createToken(deps, owner, orgId, {
    name: "reader",
    permissions: { org: [], projects: { [projectId]: ["read"] } },
  });
  const reader = await authenticate(deps, value);
  const refreshAdvisories = (importedAt: string) => {
    advisoryStatus = [{ ecosystem: "Debian", records: 11, lastModified: null, importedAt }];
  };
  return {
    deps,
    base,
    scanner,
    queue,
    scans,
    owner,
    reader,
    orgId,
    projectId,
    credentialId: credential.id,
    refreshAdvisories,
  };
}
