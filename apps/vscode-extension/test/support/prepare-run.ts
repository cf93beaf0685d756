/**
 * What both integration runners (code-server here, @vscode/test-electron elsewhere) prepare: the
 * extension built, packaged as a .vsix and unpacked (the suite runs against the shipped files), the
 * suite bundled, the world started, and the files the suite and VS Code read (world, settings).
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { TestWorld } from "../suite/world.js";
import { SCW_PROJECT_ID, type ScanWorld, startScanWorld, testRegistry } from "./scan-world.js";

export const EXTENSION_ROOT = resolve(__dirname, "../..");
export const ARTIFACTS = join(EXTENSION_ROOT, "out/test-artifacts");

export interface PreparedRun {
  tmp: string;
  extensionPath: string;
  testsPath: string;
  workspace: string;
  userDataDir: string;
  worldFile: string;
  resultsFile: string;
  world: ScanWorld;
  stop(): Promise<void>;
}

export async function prepareRun(driverUrl?: string): Promise<PreparedRun> {
  const tmp = mkdtempSync(join(tmpdir(), "regscan-vscode-"));
  const build = (script: string, ...args: string[]) =>
    execFileSync(process.execPath, [join(EXTENSION_ROOT, "scripts", script), ...args], {
      stdio: ["ignore", "ignore", "inherit"],
    });
  build("build.mjs", "--tests");
  const vsix = join(tmp, "regscan.vsix");
  build("package-vsix.mjs", vsix);
  execFileSync("unzip", ["-q", vsix, "-d", join(tmp, "vsix")]);
  mkdirSync(ARTIFACTS, { recursive: true });
  const world = await startScanWorld(testRegistry());
  const workspace = join(tmp, "workspace");
  const userDataDir = join(tmp, "user");
  mkdirSync(workspace);
  mkdirSync(join(userDataDir, "User"), { recursive: true });
  const resultsFile = join(tmp, "results.json");
  const testWorld: TestWorld = {
    apiUrl: world.api.url,
    token: world.api.token,
    registryHost: world.registry.host,
    registryPassword: world.registry.password,
    scalewayProjectId: SCW_PROJECT_ID,
    ...(driverUrl ? { driverUrl } : {}),
    artifacts: ARTIFACTS,
    resultsFile,
  };
  const worldFile = join(tmp, "world.json");
  writeFileSync(worldFile, JSON.stringify(testWorld), { mode: 0o600 });
  writeFileSync(
    join(userDataDir, "User/settings.json"),
    JSON.stringify({
      "regscan.apiUrl": world.api.url,
      "workbench.startupEditor": "none",
      "workbench.tips.enabled": false,
      "workbench.secondarySideBar.defaultVisibility": "hidden",
      "chat.commandCenter.enabled": false,
      "telemetry.telemetryLevel": "off",
      "extensions.autoCheckUpdates": false,
      "extensions.autoUpdate": false,
      "update.mode": "none",
      "security.workspace.trust.enabled": false,
      "window.commandCenter": false,
    }),
  );
  return {
    tmp,
    extensionPath: join(tmp, "vsix/extension"),
    testsPath: join(EXTENSION_ROOT, "out/test/suite/index"),
    workspace,
    userDataDir,
    worldFile,
    resultsFile,
    world,
    async stop() {
      await world.stop();
      rmSync(world.api.dir, { recursive: true, force: true });
      rmSync(tmp, { recursive: true, force: true });
    },
  };
}
