// The API's Node project. test/workers/ is its own project (the Worker entry run inside workerd),
// listed in the root vitest.config.ts, so its files are left out here.
import { configDefaults, defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "@regscan/api",
    exclude: [...configDefaults.exclude, "test/workers/**"],
  },
});
