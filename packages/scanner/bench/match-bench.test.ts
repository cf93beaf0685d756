// The match bench runs as `pnpm bench` runs it (a child process through tsx), on a small data set:
// it must still open a migrated store, import, match and report, or `pnpm bench` is broken.
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { expect, it } from "vitest";

const run = promisify(execFile);
const pkg = fileURLToPath(new URL("..", import.meta.url));

it("imports generated advisories into a migrated store and matches packages against them", async () => {
  const { stdout } = await run(
    process.execPath,
    ["--expose-gc", "--import", "tsx", "bench/match-bench.ts", "400", "60"],
    {
      cwd: pkg,
      timeout: 120_000,
    },
  );
  expect(stdout).toMatch(/import \(streamed zip → libSQL\): 400 records in/);
  expect(stdout).toMatch(/match: 60 packages → [1-9]\d* findings in/);
  expect(stdout).toMatch(/import < 60 s: PASS; match <= 1 s: PASS; RSS growth <= 64 MiB: PASS/);
}, 150_000);
