// The Worker tests: apps/api's Worker entry (wrangler.jsonc: src/worker.ts, the scan queue, the
// rate-limiting binding) run inside workerd by @cloudflare/vitest-pool-workers, against the world
// of worker-world-setup.ts. The settings below stand in for the deployment's vars and secrets.
import { cloudflareTest } from "@cloudflare/vitest-pool-workers";
import { build } from "esbuild";
import { defineProject, type Plugin } from "vitest/config";

/**
 * @noble/hashes as one bundled module, as in the deployed Worker: the pool runs every dependency
 * through Vite's module runner, whose per-import accessors make its SHA-256 loop ~10x slower than
 * in the wrangler bundle (the tests hash hundreds of MiB of real layers).
 */
const bundledNoble: Plugin = {
  name: "regscan:bundled-noble",
  enforce: "pre",
  async load(id) {
    if (!/[\\/]@noble[\\/]hashes[\\/]sha2\.js$/.test(id)) return null;
    const result = await build({ entryPoints: [id], bundle: true, format: "esm", write: false, logLevel: "silent" });
    return result.outputFiles[0]?.text ?? null;
  },
};

import { BOOTSTRAP_TOKEN, DB_AUTH_TOKEN, MASTER_KEY } from "./worker-world.js";

export default defineProject({
  plugins: [
    bundledNoble,
    cloudflareTest(({ inject }) => {
      const world = inject("workerWorld");
      return {
        wrangler: { configPath: "../../wrangler.jsonc" },
        miniflare: {
          bindings: {
            REGSCAN_DB_URL: world.available ? world.dbUrl : "http://127.0.0.1:9",
            REGSCAN_DB_AUTH_TOKEN: DB_AUTH_TOKEN,
            REGSCAN_MASTER_KEY: MASTER_KEY,
            REGSCAN_BOOTSTRAP_TOKEN: BOOTSTRAP_TOKEN,
            REGSCAN_SCALEWAY_API_URL: world.available ? world.scalewayUrl : "http://127.0.0.1:9",
            REGSCAN_SCALEWAY_REGISTRY: world.available ? world.registryUrl : "http://127.0.0.1:9",
            REGSCAN_SCALEWAY_TIMEOUT_SECONDS: "5",
            REGSCAN_OSV_URL: world.available ? world.osvUrl : "http://127.0.0.1:9",
            // Short leases, so a job whose runner died is claimed again within seconds.
            REGSCAN_SCAN_LEASE_SECONDS: "3",
          },
          // Scans keep layer results in R2, as a deployment with the optional bucket does.
          r2Buckets: ["LAYER_CACHE", "TEST_LAYERS"],
          // A small budget of its own for the rate-limit test.
          ratelimits: { TEST_RATE_LIMITER: { simple: { limit: 3, period: 60 } } },
        },
      };
    }),
  ],
  test: {
    name: "@regscan/api (workers)",
    include: ["**/*.test.ts"],
    globalSetup: ["./worker-world-setup.ts"],
    setupFiles: ["../../../../packages/scanner/test/workers/reject-unhandled.setup.ts"],
    // One isolate for all files (the app is imported once) and one file at a time: they share the
    // Worker's database and the machine.
    isolate: false,
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
