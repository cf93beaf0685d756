// The Workers project: the scanner's web entry run inside workerd by @cloudflare/vitest-pool-workers.
// Node tests of the package live in the `@regscan/scanner` project (packages/scanner/vitest.config.ts).
import { readFileSync } from "node:fs";
import { cloudflareTest } from "@cloudflare/vitest-pool-workers";
import { defineProject, type Plugin } from "vitest/config";

/** `import data from "./file?bytes"` → the file's bytes as a Uint8Array (workerd has no file system). */
const bytesImport: Plugin = {
  name: "regscan:bytes-import",
  enforce: "pre",
  load(id) {
    if (!id.endsWith("?bytes")) return null;
    const base64 = readFileSync(id.slice(0, -"?bytes".length)).toString("base64");
    return `export default Uint8Array.from(atob(${JSON.stringify(base64)}), (c) => c.charCodeAt(0));`;
  },
};

export default defineProject({
  plugins: [
    bytesImport,
    // No wrangler config and no compatibility flags of ours: the code under test needs only web
    // standards. (The pool itself adds nodejs_compat_v2 to its runner worker for vitest.)
    cloudflareTest({
      miniflare: { compatibilityDate: "2025-09-01" },
    }),
  ],
  test: {
    name: "@regscan/scanner (workers)",
    include: ["**/*.test.ts"],
    globalSetup: ["./fixture-registry-setup.ts"],
    setupFiles: ["./reject-unhandled.setup.ts"],
    // One isolate for all files: the scanner entry is imported once (saves ~3 s per file).
    isolate: false,
  },
});
