/**
 * The world of the Worker tests, shared by the globalSetup (Node) and the tests (workerd): fixed
 * secrets of the test deployment and what the setup provides. No Node imports here.
 */

/** REGSCAN_BOOTSTRAP_TOKEN of the Worker and of the Node entry in the tests. */
export const BOOTSTRAP_TOKEN = "rgs_worker-test-bootstrap-0123456789";
/** REGSCAN_MASTER_KEY of the tests: 32 bytes of 0x07, base64. */
export const MASTER_KEY = "BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc=";
/** REGSCAN_DB_AUTH_TOKEN: the Hrana servers refuse requests without it, as Turso does. */
export const DB_AUTH_TOKEN = "turso-test-token-0123456789";

/**
 * A newer advisory, listed only by the OSV export (the Cron refresh's work), for a package none of
 * the test images has: refreshing changes the advisory data, not any scan's findings.
 */
export const NEWER_RECORD = {
  id: "TEST-DEBIAN-OTHER-1",
  modified: "2024-06-01T00:00:00Z",
  upstream: ["CVE-2099-0002"],
  summary: "a test advisory for a package the test images do not have",
  affected: [
    {
      package: { ecosystem: "Debian:12", name: "libnot-in-the-images" },
      ranges: [{ type: "ECOSYSTEM", events: [{ introduced: "0" }, { fixed: "1:1.3.dfsg-2" }] }],
      severity: [{ type: "CVSS_V3", score: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N" }],
    },
  ],
};

export interface WorkerWorld {
  /** False without the test registry (`pnpm test` provides it); the tests then skip, saying why. */
  available: boolean;
  skipReason: string;
  /** The Worker's database (Hrana over HTTP), migrated, with the test advisories. */
  dbUrl: string;
  /** Another such database, for the table run against the Node entry and the Worker. */
  tableDbUrl: string;
  /** A database never migrated. */
  unmigratedDbUrl: string;
  scalewayUrl: string;
  /** `http://127.0.0.1:PORT`, REGSCAN_SCALEWAY_REGISTRY. */
  registryUrl: string;
  registryHost: string;
  /** The registry's password: the Scaleway secret key of the tests' credential. */
  registryPassword: string;
  osvUrl: string;
  controlUrl: string;
  /** The Node entry (`pnpm start`) on a libSQL file with the same test advisories. */
  nodeApiUrl: string;
  bigImage: { compressedBytes: number; uncompressedBytes: number; digest: string; diffId: string };
}
