// Writes the API's OpenAPI document to a file, for `pnpm lint:openapi` (scripts/lint-openapi.sh):
// the app is built by the real Node composition root on a temporary database and asked for
// /openapi.json, so no server is started and no port is used.
//   tsx apps/api/scripts/write-openapi.ts OUT.json
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createApp } from "../src/app.js";
import { buildNodeDeps } from "../src/build-node-deps.js";
import { loadConfig } from "../src/config.js";
import { createJsonLogger } from "../src/http/logger.js";

const out = process.argv[2];
if (!out) {
  process.stderr.write("usage: write-openapi.ts OUT.json\n");
  process.exit(2);
}
const dir = mkdtempSync(join(tmpdir(), "regscan-openapi-"));
try {
  const key = Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString("base64");
  const config = loadConfig({ REGSCAN_DB_URL: `file:${join(dir, "regscan.db")}`, REGSCAN_MASTER_KEY: key });
  // Warnings and errors go to stderr; the request log line is left out.
  const log = createJsonLogger((line) => process.stderr.write(`${line}\n`));
  const { deps, close } = await buildNodeDeps(config, { ...log, info: () => undefined });
  try {
    const response = await createApp(deps).request("/openapi.json");
    if (response.status !== 200)
      throw new Error(`GET /openapi.json answered ${response.status}: ${await response.text()}`);
    writeFileSync(out, `${JSON.stringify(await response.json(), null, 2)}\n`);
  } finally {
    await close();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
