/**
 * regscan for VS Code: browse Scaleway registries through the regscan API, scan tags, and see the
 * results on Dockerfile FROM lines. Talks to regscan only (typed client), never to Scaleway. No
 * telemetry. Activated by its views, Dockerfiles or its commands.
 */
import * as vscode from "vscode";
import { RegistryIndexLoader } from "./dockerfile/registry-index-loader.js";
import { ScanLookup } from "./scans/scan-lookup.js";
import { registerCommands } from "./vscode/commands.js";
import { DockerfileFeatures } from "./vscode/dockerfile-features.js";
import { Log } from "./vscode/log.js";
import { RegistryTree } from "./vscode/registry-tree.js";
import { ScanRunner } from "./vscode/scan-runner.js";
import { ScansTree } from "./vscode/scans-tree.js";
import type { Services } from "./vscode/services.js";
import { Session } from "./vscode/session.js";
import { StatusBar } from "./vscode/status-bar.js";
import { SummaryPanels } from "./vscode/summary-panels.js";

export type { Services };

export async function activate(context: vscode.ExtensionContext): Promise<Services> {
  const log = new Log();
  const session = new Session(context, log);
  const registries = new RegistryTree(session);
  const scans = new ScansTree(session);
  const runner = new ScanRunner(session, log);
  const summaries = new SummaryPanels(context.extensionUri, session);
  const lookup = new ScanLookup(session.source);
  const index = new RegistryIndexLoader(session.source);
  const dockerfiles = new DockerfileFeatures(session, index, lookup, runner, log);
  const status = new StatusBar(session, runner);
  const services: Services = { log, session, registries, scans, runner, summaries, lookup, index, dockerfiles, status };

  context.subscriptions.push(log, session, registries, scans, runner, summaries, status);
  context.subscriptions.push(...dockerfiles.register(), ...registerCommands(services));
  context.subscriptions.push(
    session.onDidChange(() => {
      lookup.clear();
      index.clear();
      registries.refresh();
      scans.refresh();
      status.render();
      void dockerfiles.refreshAll();
    }),
    runner.onDidChange((scan) => {
      status.render();
      if (scan.status === "succeeded" || scan.status === "failed" || scan.status === "cancelled") {
        // What regscan knows of images changed; the registries (the index of namespaces) did not.
        lookup.clear();
        scans.refresh();
        void dockerfiles.refreshAll();
      } else {
        void dockerfiles.refreshAll();
      }
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration("regscan.apiUrl") || e.affectsConfiguration("regscan.projectId")) {
        void session.reload();
        void status.check();
      } else if (e.affectsConfiguration("regscan.diagnostics") || e.affectsConfiguration("regscan.dockerfile")) {
        void dockerfiles.refreshAll();
      }
    }),
  );
  await session.restore();
  void status.check();
  log.info(`regscan activated (API ${session.apiUrl()}).`);
  return services;
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
