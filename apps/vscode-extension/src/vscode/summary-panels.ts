/** The scan summary webview: one panel per scan, strict CSP, local script and style only. */
import * as vscode from "vscode";
import type { Scan } from "../api/api-types.js";
import { collectFindings } from "../scans/collect-findings.js";
import { shortImage } from "../scans/present-scans-node.js";
import { summaryHtml } from "../webview/summary-html.js";
import { describeError, type Session } from "./session.js";

export class SummaryPanels implements vscode.Disposable {
  private readonly panels = new Map<string, vscode.WebviewPanel>();

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly session: Session,
  ) {}

  panel(scanId: string): vscode.WebviewPanel | undefined {
    return this.panels.get(scanId);
  }

  /** Opens (or focuses) the summary of a scan, given the scan or its id. */
  /** `beside`: next to the active editor, keeping the focus there (a scan started from a Dockerfile). */
  async show(target: Scan | string, options: { beside?: boolean } = {}): Promise<vscode.WebviewPanel | undefined> {
    const signed = this.session.current;
    if (!signed) return undefined;
    try {
      const scan = typeof target === "string" ? await signed.api.getScan(signed.projectId, target) : target;
      const { findings, complete } =
        scan.status === "succeeded"
          ? await collectFindings(signed.api, signed.projectId, scan.id)
          : { findings: [], complete: true };
      let panel = this.panels.get(scan.id);
      if (panel) panel.reveal(undefined, options.beside);
      else {
        const media = vscode.Uri.joinPath(this.extensionUri, "media");
        panel = vscode.window.createWebviewPanel(
          "regscan.summary",
          `regscan: ${shortImage(scan.image)}`,
          options.beside ? { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true } : vscode.ViewColumn.Active,
          {
            enableScripts: true,
            localResourceRoots: [media],
          },
        );
        this.panels.set(scan.id, panel);
        panel.onDidDispose(() => this.panels.delete(scan.id));
      }
      const webview = panel.webview;
      const media = vscode.Uri.joinPath(this.extensionUri, "media");
      webview.html = summaryHtml({
        scan,
        findings,
        complete,
        cspSource: webview.cspSource,
        nonce: globalThis.crypto.randomUUID().replaceAll("-", ""),
        scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(media, "summary.js")).toString(),
        styleUri: webview.asWebviewUri(vscode.Uri.joinPath(media, "summary.css")).toString(),
      });
      return panel;
    } catch (error) {
      void vscode.window.showErrorMessage(`regscan: cannot open the summary. ${describeError(error)}`);
      return undefined;
    }
  }

  dispose(): void {
    for (const panel of this.panels.values()) panel.dispose();
  }
}
