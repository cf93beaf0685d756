/** What the runner hands the suite (a 0600 JSON file named by REGSCAN_VSCODE_WORLD). */
import { readFileSync } from "node:fs";

export interface TestWorld {
  apiUrl: string;
  /** The bootstrap owner token of the API under test. */
  token: string;
  registryHost: string;
  /** The registry password, which the fake Scaleway API accepts as the credential's secret key. */
  registryPassword: string;
  scalewayProjectId: string;
  /** The workbench driver's control API (code-server runs only); absent under @vscode/test-electron. */
  driverUrl?: string;
  artifacts: string;
  resultsFile: string;
}

export function loadWorld(): TestWorld {
  const file = process.env.REGSCAN_VSCODE_WORLD;
  if (!file) throw new Error("REGSCAN_VSCODE_WORLD is not set: run the suite with pnpm test:vscode.");
  return JSON.parse(readFileSync(file, "utf8")) as TestWorld;
}
