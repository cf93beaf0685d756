// vitest globalSetup of @regscan/api: builds dist/regscan-api.mjs once (if a source is newer)
// before the test files start the API the way `pnpm start` does.
// @ts-expect-error bin/bundle.mjs is plain JavaScript without types
import { ensureBundle } from "../../bin/bundle.mjs";

export default async function setup(): Promise<void> {
  await ensureBundle();
}
