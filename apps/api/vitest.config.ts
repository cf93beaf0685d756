// The API's tests start the bundled server as a child process (as `pnpm start` does); the bundle is
// built once, before any test file runs.
import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "@regscan/api",
    globalSetup: ["test/support/build-bundle.ts"],
  },
});
