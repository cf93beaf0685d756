// The API's Node project: its tests start the bundled server as a child process (as `pnpm start`
// does); the bundle is built once, before any test file runs. test/workers/ is its own project (the
// Worker entry run inside workerd), listed in the root vitest.config.ts, so its files are left out.
import { configDefaults, defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "@regscan/api",
    globalSetup: ["test/support/build-bundle.ts"],
    exclude: [...configDefaults.exclude, "test/workers/**"],
  },
});
