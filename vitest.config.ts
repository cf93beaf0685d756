import { defineConfig } from "vitest/config";
import type { Reporter, TestModule } from "vitest/node";

/** Ends every run with one plain line, `Tests: N passed, N failed, N skipped`, that any CI can read. */
const plainSummary: Reporter = {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>) {
    const counts = { passed: 0, failed: 0, skipped: 0 };
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === "passed") counts.passed++;
        else if (state === "failed") counts.failed++;
        else counts.skipped++;
      }
      if (module.state() === "failed" && module.children.size === 0) counts.failed++;
    }
    process.stdout.write(`\nTests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped\n`);
  },
};

// One root config; each workspace package is a vitest project (its own vitest.config.ts if it has one).
// packages/scanner/test/workers and apps/api/test/workers are two more: the scanner's web entry and
// the API's Worker entry run inside workerd.
export default defineConfig({
  test: {
    projects: [
      "packages/*",
      "apps/*",
      "packages/scanner/test/workers/vitest.config.ts",
      "apps/api/test/workers/vitest.config.ts",
    ],
    reporters: ["default", plainSummary],
  },
});
