/**
 * Runs a scan the way a user watches it: started through the API, followed in a cancellable
 * progress notification (cancel asks the API), then the result in the Scans view and the summary.
 */
import * as vscode from "vscode";
import type { Scan, StartScanImage } from "../api/api-types.js";
import { countsInWords } from "../format/counts.js";
import { progressPercent, progressText } from "../format/scan-progress.js";
import { shortImage } from "../scans/present-scans-node.js";
import { watchScan } from "../scans/watch-scan.js";
import type { Log } from "./log.js";
import { describeError, type Session } from "./session.js";

export interface ScanRequest {
  credentialId: string;
  /** A full reference in the credential's registry, or its parts. */
  image: StartScanImage;
}

export class ScanRunner implements vscode.Disposable {
  /** Scans this window is following, by the reference they scan. */
  readonly running = new Map<string, Scan>();
  private readonly changed = new vscode.EventEmitter<Scan>();
  /** A followed scan changed (progress) or ended. */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly session: Session,
    private readonly log: Log,
  ) {}

  runningFor(reference: string): Scan | null {
    return this.running.get(reference) ?? null;
  }

  /** Starts and follows a scan; resolves with how it ended (undefined if it could not start). */
  async scan(request: ScanRequest, options: { quiet?: boolean; beside?: boolean } = {}): Promise<Scan | undefined> {
    const signed = this.session.current;
    if (!signed) {
      void vscode.window.showWarningMessage("regscan: sign in to scan.", "Sign in").then((a) => {
        if (a) void vscode.commands.executeCommand("regscan.auth.signIn");
      });
      return undefined;
    }
    let scan: Scan;
    try {
      scan = await signed.api.startScan(signed.projectId, request, globalThis.crypto.randomUUID());
    } catch (error) {
      const text = describeError(error);
      this.log.warn(`Could not start a scan: ${text}`);
      void vscode.window.showErrorMessage(`regscan: could not start the scan. ${text}`);
      return undefined;
    }
    this.log.info(`Scan ${scan.id} of ${scan.image} started.`);
    const key = scan.image;
    this.running.set(key, scan);
    this.changed.fire(scan);
    const follow = (progress?: vscode.Progress<{ message?: string; increment?: number }>, cancel?: AbortSignal) => {
      let done = 0;
      return watchScan(signed.api, signed.projectId, scan, {
        ...(cancel ? { cancel } : {}),
        onUpdate: (s) => {
          this.running.set(key, s);
          this.changed.fire(s);
          const percent = progressPercent(s.progress);
          progress?.report({ message: progressText(s.progress), increment: Math.max(0, percent - done) });
          done = Math.max(done, percent);
        },
      });
    };
    let final: Scan;
    try {
      final = options.quiet
        ? await vscode.window.withProgress(
            { location: vscode.ProgressLocation.Window, title: `regscan: scanning ${shortImage(scan.image)}` },
            () => follow(),
          )
        : await vscode.window.withProgress(
            {
              location: vscode.ProgressLocation.Notification,
              title: `regscan: scanning ${shortImage(scan.image)}`,
              cancellable: true,
            },
            (progress, token) => {
              const abort = new AbortController();
              token.onCancellationRequested(() => {
                this.log.info(`Cancelling scan ${scan.id}.`);
                abort.abort();
              });
              return follow(progress, abort.signal);
            },
          );
    } catch (error) {
      this.running.delete(key);
      this.changed.fire(scan);
      const text = describeError(error);
      this.log.error(`Lost track of scan ${scan.id}`, error);
      void vscode.window.showErrorMessage(`regscan: lost track of the scan. ${text}`);
      return undefined;
    }
    this.running.delete(key);
    this.changed.fire(final);
    // The summary is open when the command's promise resolves (callers can act on it).
    await this.report(final, options.quiet ?? false, options.beside ?? false);
    return final;
  }

  private async report(scan: Scan, quiet: boolean, beside: boolean): Promise<void> {
    const name = shortImage(scan.image);
    if (scan.status === "succeeded") {
      this.log.info(
        `Scan ${scan.id} of ${scan.image} succeeded: ${scan.summary ? countsInWords(scan.summary) : "no summary"}.`,
      );
      if (!quiet) await vscode.commands.executeCommand("regscan.scan.openSummary", scan, { beside });
    } else if (scan.status === "failed") {
      const text = scan.error ? `${scan.error.message} [${scan.error.code}]` : "no reason given";
      this.log.warn(`Scan ${scan.id} of ${scan.image} failed: ${text}`);
      void vscode.window.showErrorMessage(`regscan: the scan of ${name} failed. ${text}`);
    } else {
      this.log.info(`Scan ${scan.id} of ${scan.image} ended ${scan.status}.`);
      if (!quiet) void vscode.window.showInformationMessage(`regscan: the scan of ${name} was cancelled.`);
    }
  }

  dispose(): void {
    this.changed.dispose();
  }
}
