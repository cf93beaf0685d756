import { defineConfig } from "drizzle-kit";

// `pnpm db:generate` diffs src/schema.ts against migrations/meta and writes the next migration.
// No database is needed to generate; the url only matters for drizzle-kit's other commands.
export default defineConfig({
  dialect: "turso",
  schema: "./src/schema.ts",
  out: "./migrations",
  dbCredentials: { url: "file:.regscan/regscan.db" },
});
