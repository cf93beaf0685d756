/**
 * Entry of the integration suite, loaded by VS Code's extension host (`extensionTestsPath`): runs
 * the mocha files beside it and records the counts for the runner's closing line.
 */
import { readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import Mocha from "mocha";
import { loadWorld } from "./world.js";

export function run(): Promise<void> {
  const world = loadWorld();
  const mocha = new Mocha({ ui: "bdd", color: false, timeout: 120_000, reporter: "spec" });
  for (const file of readdirSync(__dirname)
    .filter((f) => f.endsWith(".test.js"))
    .sort()) {
    mocha.addFile(join(__dirname, file));
  }
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const passed = runner.stats?.passes ?? 0;
      const failed = runner.stats?.failures ?? failures;
      writeFileSync(world.resultsFile, JSON.stringify({ passed, failed }));
      console.log(`${passed} passed, ${failed} failed`);
      if (failures > 0) reject(new Error(`${failures} integration tests failed`));
      else resolve();
    });
  });
}
