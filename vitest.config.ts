import { defineConfig } from "vitest/config";

// One root config; each workspace package is a vitest project (its own vitest.config.ts if it has one).
export default defineConfig({
  test: {
    projects: ["packages/*", "apps/*"],
    reporters: process.env.CI ? ["default"] : ["default"],
  },
});
