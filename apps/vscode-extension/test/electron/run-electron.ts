/**
 * The same integration suite with @vscode/test-electron, for machines that can download VS Code
 * (not this CI: it has no desktop VS Code, so `pnpm test:vscode` uses code-server instead). Without
 * the workbench driver, the tests that type into input boxes or click are skipped and sign-in
 * passes the token as the command's argument. Run: bash scripts/test-env.sh pnpm --filter
 * @regscan/vscode-extension test:electron
 */
import { existsSync, readFileSync } from "node:fs";
import { runTests } from "@vscode/test-electron";
import { type PreparedRun, prepareRun } from "../support/prepare-run.js";

async function main(): Promise<void> {
  let run: PreparedRun | null = null;
  let code = 1;
  try {
    run = await prepareRun();
    code = await runTests({
      version: "1.100.3",
      extensionDevelopmentPath: run.extensionPath,
      extensionTestsPath: run.testsPath,
      launchArgs: [run.workspace, "--user-data-dir", run.userDataDir, "--disable-workspace-trust"],
      extensionTestsEnv: { REGSCAN_VSCODE_WORLD: run.worldFile },
    }).catch(() => 1);
    const results = existsSync(run.resultsFile)
      ? (JSON.parse(readFileSync(run.resultsFile, "utf8")) as { passed: number; failed: number })
      : { passed: 0, failed: 1 };
    process.stdout.write(`${results.passed} passed, ${results.failed} failed\n`);
  } finally {
    await run?.stop();
  }
  process.exit(code);
}

void main();
