/**
 * `pnpm test:vscode`: the integration suite inside a REAL VS Code extension host (code-server,
 * driven by chromium), against the real API on a temp libSQL file, the fake Scaleway API and the
 * local docker-registry with the real test images. The extension runs from its packaged .vsix.
 * Prints the suite's mocha lines, then `N passed, M failed` as the closing line; exits non-zero on
 * any failure, a timeout, or the token / registry secret found in any log.
 * Usage (scripts/test-env.sh provides the registry): node --import tsx run-code-server.ts CODE_SERVER_DIR
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { ARTIFACTS, type PreparedRun, prepareRun } from "../support/prepare-run.js";
import { WorkbenchDriver } from "./workbench-driver.js";

const codeServerDir = process.argv[2];
if (!codeServerDir) throw new Error("usage: run-code-server.ts CODE_SERVER_DIR");
const say = (line: string) => process.stdout.write(`${line}\n`);

async function main(codeServerDir: string): Promise<never> {
  let codeServer: ChildProcess | null = null;
  const driver = new WorkbenchDriver();
  let run: PreparedRun | null = null;
  let exitCode = 1;

  try {
    // 1-2. The packaged extension, the suite, and the world (registry, fake Scaleway, the API).
    run = await prepareRun(await driver.listen(ARTIFACTS));
    const { world, workspace, resultsFile } = run;
    const data = join(run.tmp, "code-server");
    mkdirSync(data);

    // 3. code-server in its own process group (killed whole at the end: it leaves watchers behind).
    const port = await freePort();
    const logFile = join(data, "code-server.log");
    codeServer = spawn(
      join(codeServerDir, "node_modules/.bin/code-server"),
      [
        "--bind-addr",
        `127.0.0.1:${port}`,
        "--auth",
        "none",
        "--disable-telemetry",
        "--disable-update-check",
        "--disable-workspace-trust",
        "--disable-getting-started-override",
        "--user-data-dir",
        run.userDataDir,
        "--extensions-dir",
        join(data, "extensions"),
      ],
      {
        detached: true,
        stdio: ["ignore", "pipe", "pipe"],
        env: {
          ...process.env,
          REGSCAN_VSCODE_WORLD: run.worldFile,
          XDG_CONFIG_HOME: join(data, "xdg"),
          TMPDIR: run.tmp,
        },
      },
    );
    const csLog: string[] = [];
    codeServer.stdout?.on("data", (d) => csLog.push(String(d)));
    codeServer.stderr?.on("data", (d) => csLog.push(String(d)));
    const base = `http://127.0.0.1:${port}`;
    await waitFor(
      async () => (await fetch(`${base}/healthz`).catch(() => null))?.ok === true,
      60_000,
      "code-server /healthz",
    );

    // 4. The suite, inside code-server's Node extension host.
    const logLines: string[] = [];
    const ended = await driver.run({
      baseUrl: base,
      folder: workspace,
      extensionPath: run.extensionPath,
      testsPath: run.testsPath,
      artifacts: ARTIFACTS,
      timeoutMs: 15 * 60_000,
      onLog: (line) => {
        logLines.push(line);
        if (/^\[(info|error|warn)\] /.test(line) && !/^\[\w+\] (Resolving|Resolved|Creating a socket|\[)/.test(line)) {
          say(line.replace(/^\[\w+\] /, ""));
        }
      },
    });
    writeFileSync(logFile, csLog.join(""));
    say(`extension host exit code ${ended.code} after ${Math.round(ended.ms / 1000)} s`);

    // 5. No secret in any log: code-server's, VS Code's own (extension host, output channels), the API's.
    const secrets = [world.api.token, world.registry.password];
    // The extension's output channel is among those logs (else the check below would prove nothing).
    const channel = filesUnder(join(run.userDataDir, "logs")).find((f) => /regscan\.log$/.test(f) && /exthost/.test(f));
    const channelText = channel ? readFileSync(channel, "utf8") : "";
    const channelChecked = /Signed in to /.test(channelText);
    if (!channelChecked) say("the regscan output channel's log file was not found among VS Code's logs");
    const leaks = [
      ...filesUnder(join(run.userDataDir, "logs")),
      ...filesUnder(join(run.userDataDir, "User")),
      logFile,
      world.api.logFile,
    ].filter((file) => secrets.some((s) => readFileSync(file, "utf8").includes(s)));
    if (logLines.some((l) => secrets.some((s) => l.includes(s)))) leaks.push("the suite's output");
    for (const leak of leaks) say(`SECRET LEAKED in ${leak}`);

    const results = existsSync(resultsFile)
      ? (JSON.parse(readFileSync(resultsFile, "utf8")) as { passed: number; failed: number })
      : { passed: 0, failed: 1 };
    if (ended.code !== 0 && results.failed === 0) results.failed = 1;
    if (ended.code !== 0) say(csLog.join("").split("\n").slice(-20).join("\n"));
    if (!channelChecked) results.failed += 1;
    exitCode = ended.code === 0 && results.failed === 0 && leaks.length === 0 ? 0 : 1;
    say(`screenshots: ${ARTIFACTS}`);
    say(`${results.passed} passed, ${results.failed + leaks.length} failed`);
  } catch (error) {
    say(`test:vscode could not run: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    say("0 passed, 1 failed");
  } finally {
    await driver.close().catch(() => undefined);
    if (codeServer?.pid) {
      try {
        process.kill(-codeServer.pid, "SIGKILL");
      } catch {
        // The group already ended.
      }
    }
    await run?.stop();
    process.exit(exitCode);
  }
}

void main(codeServerDir);

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .map((f) => join(dir, f))
    .filter((f) => statSync(f).isFile());
}

async function waitFor(check: () => Promise<boolean>, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what} not ready in ${ms / 1000} s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

function freePort(): Promise<number> {
  return new Promise((ok) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const address = s.address();
      s.close(() => ok(typeof address === "object" && address ? address.port : 0));
    });
  });
}
