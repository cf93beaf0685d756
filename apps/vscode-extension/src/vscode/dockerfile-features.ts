/**
 * Dockerfile support: a CodeLens, a diagnostic, a hover and quick fixes on each FROM that names an
 * image of a stored credential's registry (and a CodeLens saying why when it cannot be scanned).
 */
import * as vscode from "vscode";
import type { Severity } from "../api/api-types.js";
import { assessDockerfile, type FromAssessment } from "../dockerfile/assess-from-lines.js";
import {
  type DiagnosticLevel,
  diagnosticFor,
  type Fix,
  hoverMarkdown,
  lensFor,
  pinFix,
  switchFixes,
} from "../dockerfile/dockerfile-insights.js";
import type { TextRange } from "../dockerfile/from-lines.js";
import type { RegistryIndexLoader } from "../dockerfile/registry-index-loader.js";
import type { ScanLookup } from "../scans/scan-lookup.js";
import type { Log } from "./log.js";
import type { ScanRunner } from "./scan-runner.js";
import type { Session } from "./session.js";

export const DOCKERFILE: vscode.DocumentSelector = [{ language: "dockerfile" }];

const LEVEL = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
} as const satisfies Record<DiagnosticLevel, vscode.DiagnosticSeverity>;

export class DockerfileFeatures
  implements vscode.CodeLensProvider, vscode.HoverProvider, vscode.CodeActionProvider, vscode.Disposable
{
  readonly diagnostics = vscode.languages.createDiagnosticCollection("regscan");
  private readonly lensesChanged = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.lensesChanged.event;
  private readonly cache = new Map<string, { version: number; result: Promise<FromAssessment[]> }>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly autoScanned = new Set<string>();

  constructor(
    private readonly session: Session,
    private readonly index: RegistryIndexLoader,
    private readonly lookup: ScanLookup,
    private readonly runner: ScanRunner,
    private readonly log: Log,
  ) {}

  register(): vscode.Disposable[] {
    return [
      vscode.languages.registerCodeLensProvider(DOCKERFILE, this),
      vscode.languages.registerHoverProvider(DOCKERFILE, this),
      vscode.languages.registerCodeActionsProvider(DOCKERFILE, this, {
        providedCodeActionKinds: [vscode.CodeActionKind.QuickFix],
      }),
      vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d, 0)),
      // An editor shown again renders the lenses it had when hidden (e.g. "Scanning…" while a summary
      // was in front) and only asks again on a change: tell it things may have changed.
      vscode.window.onDidChangeVisibleTextEditors((editors) => {
        if (editors.some((e) => e.document.languageId === "dockerfile")) this.lensesChanged.fire();
      }),
      vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document, 400)),
      vscode.workspace.onDidCloseTextDocument((d) => {
        this.diagnostics.delete(d.uri);
        this.cache.delete(d.uri.toString());
      }),
      this,
    ];
  }

  /** Everything known may have changed (a scan ended, sign-in, settings): look again. */
  async refreshAll(): Promise<void> {
    this.cache.clear();
    this.lensesChanged.fire();
    await Promise.all(vscode.workspace.textDocuments.map((d) => this.update(d)));
  }

  /** Assesses a document (cached per version). */
  assess(document: vscode.TextDocument): Promise<FromAssessment[]> {
    const key = document.uri.toString();
    const hit = this.cache.get(key);
    if (hit && hit.version === document.version) return hit.result;
    const result = (async () => {
      if (!this.session.current) return [];
      return assessDockerfile(document.getText(), {
        index: await this.index.get(),
        latest: (ref) => this.lookup.latest(ref),
        running: (ref) => this.runner.runningFor(ref),
      });
    })();
    this.cache.set(key, { version: document.version, result });
    result.catch((error: unknown) => {
      this.log.warn(`Could not look at ${document.uri.fsPath}: ${error instanceof Error ? error.message : error}`);
      if (this.cache.get(key)?.result === result) this.cache.delete(key);
    });
    return result;
  }

  async provideCodeLenses(document: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    const assessments = await this.assess(document).catch(() => []);
    return assessments.map((a) => {
      const lens = lensFor(a);
      return new vscode.CodeLens(range(a.line.range), {
        title: lens.title,
        command: lens.command,
        arguments: lens.args,
      });
    });
  }

  async provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    const assessments = await this.assess(document);
    const a = assessments.find((x) => range(x.line.range).contains(position));
    if (!a) return undefined;
    const top = a.kind === "scannable" && a.lastScan ? await this.lookup.topFindings(a.lastScan.id) : [];
    const markdown = new vscode.MarkdownString(hoverMarkdown(a, top));
    markdown.isTrusted = false;
    return new vscode.Hover(markdown, range(a.line.range));
  }

  async provideCodeActions(
    document: vscode.TextDocument,
    selection: vscode.Range | vscode.Selection,
    context: vscode.CodeActionContext,
  ): Promise<vscode.CodeAction[]> {
    const assessments = await this.assess(document);
    const actions: vscode.CodeAction[] = [];
    for (const a of assessments) {
      if (a.kind !== "scannable" || !range(a.line.range).intersection(selection)) continue;
      const fixes: Fix[] = [];
      const pin = pinFix(a);
      if (pin) fixes.push(pin);
      if (a.lastScan) fixes.push(...switchFixes(a, await this.lookup.scannedTags(a.repository)));
      const diagnostics = context.diagnostics.filter(
        (d) => d.source === "regscan" && d.range.intersection(range(a.line.range)),
      );
      for (const fix of fixes) {
        const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        action.edit = new vscode.WorkspaceEdit();
        action.edit.replace(document.uri, range(fix.range), fix.newText);
        action.diagnostics = diagnostics;
        action.isPreferred = fix.preferred;
        actions.push(action);
      }
    }
    return actions;
  }

  private schedule(document: vscode.TextDocument, delayMs: number): void {
    if (document.languageId !== "dockerfile") return;
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void this.update(document);
      }, delayMs),
    );
  }

  /** Re-computes a Dockerfile's diagnostics (and starts scans if the user turned scan-on-open on). */
  async update(document: vscode.TextDocument): Promise<void> {
    if (document.languageId !== "dockerfile") return;
    let assessments: FromAssessment[];
    try {
      assessments = await this.assess(document);
    } catch {
      // Said in the log by assess(); the diagnostics stay as they were until the next look.
      return;
    }
    const config = vscode.workspace.getConfiguration("regscan");
    const minimum = config.get<string>("diagnostics.minimumSeverity", "high").toUpperCase() as Severity;
    const diagnostics: vscode.Diagnostic[] = [];
    for (const a of assessments) {
      const d = diagnosticFor(a, minimum);
      if (!d) continue;
      const diagnostic = new vscode.Diagnostic(range(d.range), d.message, LEVEL[d.level]);
      diagnostic.source = "regscan";
      diagnostic.code = {
        value: d.code,
        target: vscode.Uri.parse(`command:regscan.scan.openSummary?${encodeURIComponent(JSON.stringify([d.scanId]))}`),
      };
      diagnostics.push(diagnostic);
    }
    this.diagnostics.set(document.uri, diagnostics);
    this.lensesChanged.fire();
    if (config.get<boolean>("dockerfile.scanOnOpen", false)) this.scanUnscanned(assessments);
  }

  private scanUnscanned(assessments: FromAssessment[]): void {
    for (const a of assessments) {
      if (a.kind !== "scannable" || a.lastScan || a.running || this.autoScanned.has(a.reference)) continue;
      this.autoScanned.add(a.reference);
      void this.runner.scan({ credentialId: a.credentialId, image: a.reference }, { quiet: true });
    }
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.diagnostics.dispose();
    this.lensesChanged.dispose();
  }
}

function range(r: TextRange): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}
