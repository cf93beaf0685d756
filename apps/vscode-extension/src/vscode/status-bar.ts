/** The status bar item: whether regscan answers, who is signed in, and the scans running. */
import * as vscode from "vscode";
import { isApiError } from "../api/api-error.js";
import { plural } from "../format/counts.js";
import type { ScanRunner } from "./scan-runner.js";
import type { Session } from "./session.js";

export type Reachability = "unknown" | "reachable" | "unreachable";

export class StatusBar implements vscode.Disposable {
  readonly item = vscode.window.createStatusBarItem("regscan.status", vscode.StatusBarAlignment.Left, 10);
  reachability: Reachability = "unknown";
  private readonly timer: ReturnType<typeof setInterval>;

  constructor(
    private readonly session: Session,
    private readonly runner: ScanRunner,
  ) {
    this.item.name = "regscan";
    this.timer = setInterval(() => void this.check(), 60_000);
    this.render();
    this.item.show();
  }

  /** Asks the API's health route (no token needed). */
  async check(): Promise<Reachability> {
    try {
      await this.session.client().health();
      this.reachability = "reachable";
    } catch (error) {
      if (!isApiError(error)) throw error;
      this.reachability = "unreachable";
    }
    this.render();
    return this.reachability;
  }

  render(): void {
    const running = this.runner.running.size;
    const url = this.session.apiUrl();
    if (this.reachability === "unreachable") {
      this.item.text = "$(error) regscan: unreachable";
      this.item.tooltip = `regscan at ${url} does not answer. Check regscan.apiUrl.`;
      this.item.command = "regscan.output.show";
    } else if (!this.session.current) {
      this.item.text = "$(account) regscan: sign in";
      this.item.tooltip = `regscan at ${url}: not signed in.`;
      this.item.command = "regscan.auth.signIn";
    } else {
      const { project } = this.session.current;
      this.item.text = running > 0 ? `$(sync~spin) regscan: ${plural(running, "scan")} running` : "$(shield) regscan";
      this.item.tooltip = `regscan at ${url}, project ${project.name}${running ? `: ${plural(running, "scan")} running` : ""}`;
      this.item.command = "workbench.view.extension.regscan";
    }
  }

  dispose(): void {
    clearInterval(this.timer);
    this.item.dispose();
  }
}
