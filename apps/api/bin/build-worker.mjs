// `pnpm build:worker`: bundles the Worker the way `wrangler deploy` would, offline
// (`wrangler deploy --dry-run --outdir dist`: dist/worker.js and its source map; other files in
// dist/ are left alone), then prints the bundle's size and fails when its gzipped size passes the
// budget, so the Worker stays far under Cloudflare's limits (3 MiB gzipped on the free plan, 10 MiB
// on paid ones).
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const APP = fileURLToPath(new URL("..", import.meta.url));
const BUDGET_GZIP_BYTES = 1024 * 1024;

const wrangler = spawnSync("pnpm", ["exec", "wrangler", "deploy", "--dry-run", "--outdir", "dist"], {
  cwd: APP,
  stdio: "inherit",
  env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
});
if (wrangler.status !== 0) {
  console.error(`build:worker: wrangler deploy --dry-run failed (exit ${wrangler.status ?? wrangler.signal})`);
  process.exit(1);
}
const bundle = readFileSync(new URL("../dist/worker.js", import.meta.url));
const gzip = gzipSync(bundle, { level: 9 }).length;
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
console.log(
  `Worker bundle apps/api/dist/worker.js: ${kib(bundle.length)}, ${kib(gzip)} gzipped (budget ${kib(BUDGET_GZIP_BYTES)}; Cloudflare allows 3 MiB free, 10 MiB paid).`,
);
if (gzip > BUDGET_GZIP_BYTES) {
  console.error(
    "build:worker: the gzipped bundle is over budget: see what grew with `wrangler deploy --dry-run --metafile`.",
  );
  process.exit(1);
}
