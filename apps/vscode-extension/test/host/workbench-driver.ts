/**
 * Opens code-server's workbench in Debian's chromium (playwright-core) so that VS Code runs the
 * integration suite inside its real extension host, and serves a small control API on 127.0.0.1
 * that the suite calls for what only a person's browser can do: type into an input box, press a
 * key, take a screenshot. Adapted from the team's verified recipe for code-server test runs.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { format } from "node:util";
import { type BrowserContext, chromium, type Page } from "playwright-core";

export interface DriverRun {
  /** VS Code's exit code for the suite (0 = all passed), or "timeout". */
  code: number | "timeout";
  ms: number;
}

export interface DriverOptions {
  baseUrl: string;
  folder: string;
  extensionPath: string;
  testsPath: string;
  artifacts: string;
  timeoutMs: number;
  onLog: (line: string) => void;
}

export class WorkbenchDriver {
  private context: BrowserContext | null = null;
  private page: Page | null = null;
  private server: Server | null = null;
  private profile = mkdtempSync(join(tmpdir(), "regscan-chromium-"));
  url = "";

  /** Starts the control API (before the workbench, so its URL can be handed to the suite). */
  async listen(artifacts: string): Promise<string> {
    this.server = createServer((req, res) => {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        this.control(req.url ?? "", body ? JSON.parse(body) : {}, artifacts).then(
          (result) => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(result ?? null)),
          (error: unknown) => res.writeHead(500).end(error instanceof Error ? error.message : String(error)),
        );
      });
    });
    await new Promise<void>((ok) => this.server?.listen(0, "127.0.0.1", ok));
    const address = this.server.address();
    this.url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
    return this.url;
  }

  async run(o: DriverOptions): Promise<DriverRun> {
    const authority = new URL(o.baseUrl).host;
    const remote = (p: string) => `vscode-remote://${authority}${p}`;
    const payload = [
      ["extensionDevelopmentPath", remote(o.extensionPath)],
      ["extensionTestsPath", remote(o.testsPath)],
    ];
    const url = `${o.baseUrl}/?folder=${encodeURIComponent(o.folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    this.context = await chromium.launchPersistentContext(this.profile, {
      executablePath: "/usr/bin/chromium",
      headless: true,
      viewport: { width: 1400, height: 860 },
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
    const page = this.context.pages()[0] ?? (await this.context.newPage());
    this.page = page;
    const exited = new Promise<number>((resolve) => {
      void page.exposeFunction("codeAutomationLog", (type: string, args: unknown[]) => {
        for (const line of format(...(args ?? [])).split("\n")) o.onLog(`[${type}] ${line}`);
      });
      void page.exposeFunction("codeAutomationExit", (code: number) => resolve(code));
    });
    // Built VS Code honours the ?payload= test paths only with developmentOptions.enableSmokeTestDriver,
    // which code-server has no flag for: inject it into the workbench configuration it reads.
    await page.addInitScript(() => {
      const original = Element.prototype.getAttribute;
      Element.prototype.getAttribute = function (name: string) {
        const value = original.call(this, name);
        if (name === "data-settings" && this.id === "vscode-workbench-web-configuration" && value) {
          const config = JSON.parse(value);
          config.developmentOptions = { ...(config.developmentOptions ?? {}), enableSmokeTestDriver: true };
          return JSON.stringify(config);
        }
        return value;
      };
    });
    const started = Date.now();
    await page.goto(url);
    const timeout = new Promise<"timeout">((r) => setTimeout(() => r("timeout"), o.timeoutMs).unref());
    const code = await Promise.race([exited, timeout]);
    return { code, ms: Date.now() - started };
  }

  private async control(path: string, body: Record<string, unknown>, artifacts: string): Promise<unknown> {
    const page = this.page;
    if (!page) throw new Error("the workbench is not open");
    switch (path) {
      case "/screenshot": {
        const name = String(body.name).replace(/[^a-z0-9-]/gi, "");
        const file = join(artifacts, `${name}.png`);
        await page.screenshot({ path: file });
        return file;
      }
      case "/type":
        await page.keyboard.type(String(body.text), { delay: 5 });
        return true;
      case "/press":
        await page.keyboard.press(String(body.key));
        return true;
      case "/click":
        // A workbench button by its text (e.g. a notification's Cancel), waiting up to `timeoutMs`.
        await page
          .locator(String(body.selector ?? ".monaco-button"), { hasText: String(body.text) })
          .first()
          .click({ timeout: Number(body.timeoutMs ?? 10_000) });
        return true;
      case "/visible":
        // Whether the workbench shows a text (e.g. an input box's prompt), waiting up to `timeoutMs`.
        return page
          .getByText(String(body.text), { exact: false })
          .first()
          .waitFor({ state: "visible", timeout: Number(body.timeoutMs ?? 10_000) })
          .then(
            () => true,
            () => false,
          );
      default:
        throw new Error(`unknown control ${path}`);
    }
  }

  async close(): Promise<void> {
    await this.context?.close();
    await new Promise<void>((ok) => (this.server ? this.server.close(() => ok()) : ok()));
    rmSync(this.profile, { recursive: true, force: true });
  }
}
