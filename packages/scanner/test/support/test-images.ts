/**
 * The real test images and registry that `scripts/test-env.sh` prepares (root `pnpm test`).
 * Without them (tools missing, not root, or vitest run directly), the tests using them skip with
 * a reason in their name: `describe.skipIf(!images)(`... ${SKIP_REASON}`)`.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";

export const SKIP_REASON =
  "[needs REGSCAN_TEST_IMAGES / REGSCAN_TEST_REGISTRY: run through `pnpm test` or `bash scripts/test-env.sh vitest run …`]";

export interface ImageDescription {
  manifestDigest: string;
  mediaType: string;
  configDigest?: string;
  diffIds?: string[];
  layers?: Array<{ mediaType: string; digest: string; size: number }>;
  platforms?: Array<ImageDescription & { platform: { os: string; architecture: string; variant?: string } }>;
}

export interface TestImages {
  dir: string;
  /** `oci/` layout directory (tags base, app, arm64, multi). */
  ociDir: string;
  /** docker-archive tarball of a tag (`base`, `app`). */
  dockerArchive(tag: "base" | "app"): string;
  /** images.json: what each tag of the OCI layout is. */
  describe(tag: string): ImageDescription;
  /** An expected-results file as text (`base.dpkg.tsv`, `app.npm.tsv`, …). */
  expected(name: string): string;
  /** Rows of an expected TSV file. */
  expectedRows(name: string): string[][];
  /** The signed schema 1 manifest skopeo made of the arm64 image. */
  schema1Manifest(): string;
}

export interface TestRegistry {
  /** `127.0.0.1:PORT` (plain http: use insecure). */
  host: string;
  username: string;
  password: string;
}

// Vitest prints a skipped describe only as a count: say why on stderr, where it is seen.
function skipped(variable: string): undefined {
  console.warn(`regscan: ${variable} is not set, real-image tests are SKIPPED ${SKIP_REASON}`);
  return undefined;
}

/** The built test images, or undefined when the environment did not build them. */
export function testImages(env: NodeJS.ProcessEnv = process.env): TestImages | undefined {
  const dir = env.REGSCAN_TEST_IMAGES;
  if (!dir) return skipped("REGSCAN_TEST_IMAGES");
  const images = JSON.parse(readFileSync(join(dir, "images.json"), "utf8")) as Record<string, ImageDescription>;
  const expected = (name: string) => readFileSync(join(dir, "expected", name), "utf8");
  return {
    dir,
    ociDir: join(dir, "oci"),
    dockerArchive: (tag) => join(dir, `${tag}.docker.tar`),
    describe(tag) {
      const d = images[tag];
      if (!d) throw new Error(`no image ${tag} in ${dir}/images.json`);
      return d;
    },
    expected,
    expectedRows: (name) =>
      expected(name)
        .split("\n")
        .filter((l) => l !== "")
        .map((l) => l.split("\t")),
    schema1Manifest: () => readFileSync(join(dir, "schema1.manifest.json"), "utf8"),
  };
}

/** The running docker-registry (htpasswd auth, images pushed as regscan/base:latest, base:v2s2,
 * app:latest, multi:latest), or undefined. */
export function testRegistry(env: NodeJS.ProcessEnv = process.env): TestRegistry | undefined {
  const host = env.REGSCAN_TEST_REGISTRY;
  const username = env.REGSCAN_TEST_REGISTRY_USER;
  const password = env.REGSCAN_TEST_REGISTRY_PASSWORD;
  if (!host || !username || !password) return skipped("REGSCAN_TEST_REGISTRY");
  return { host, username, password };
}
