// The scanner's Node project. test/workers/ is its own project (run inside workerd), listed in the
// root vitest.config.ts, so its files are left out here.
import { configDefaults, defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "@regscan/scanner",
    exclude: [...configDefaults.exclude, "test/workers/**"],
  },
});
