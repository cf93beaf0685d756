/**
 * Who the extension is signed in as: the API token in SecretStorage (never in settings or logs),
 * checked against `/v1/me`, and the project it works in.
 */
import * as vscode from "vscode";
import { isApiError } from "../api/api-error.js";
import type { Me, MeProject } from "../api/api-types.js";
import { RegscanApi } from "../api/regscan-api.js";
import { messageFor } from "../errors/error-messages.js";
import { chooseProject, projectLabel } from "../session/choose-project.js";
import type { Log } from "./log.js";

const TOKEN_KEY = "regscan.apiToken";
const PROJECT_KEY = "regscan.rememberedProject";

export interface SignedIn {
  api: RegscanApi;
  projectId: string;
  me: Me;
  project: MeProject;
}

export class Session implements vscode.Disposable {
  private state: SignedIn | null = null;
  private token: string | undefined;
  private readonly changed = new vscode.EventEmitter<SignedIn | null>();
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly log: Log,
  ) {
    log.redacting(() => [this.token]);
  }

  get current(): SignedIn | null {
    return this.state;
  }

  /** For the tree models and lookups: the API and project, or null when signed out. */
  readonly source = (): { api: RegscanApi; projectId: string } | null =>
    this.state ? { api: this.state.api, projectId: this.state.projectId } : null;

  apiUrl(): string {
    return vscode.workspace.getConfiguration("regscan").get<string>("apiUrl", "http://127.0.0.1:8787").trim();
  }

  /** An API client for the configured URL (also used signed out, for the health check). */
  client(token = this.token ?? ""): RegscanApi {
    return new RegscanApi({
      baseUrl: this.apiUrl(),
      token,
      onRequest: (c) => this.log.debug(`${c.method} ${c.path} → ${c.status} (${c.ms} ms)`),
    });
  }

  /** On activation: use a stored token if there is one (no prompt). */
  async restore(): Promise<void> {
    const token = await this.context.secrets.get(TOKEN_KEY);
    if (!token) return this.set(null);
    this.token = token;
    try {
      await this.establish(token, false);
    } catch (error) {
      this.log.warn(`The stored token could not be used: ${describeError(error)}`);
      await this.set(null);
    }
  }

  /** "regscan: Sign in": asks for the token (unless given), checks it against /v1/me, then stores it. */
  async signIn(given?: string): Promise<SignedIn | null> {
    const token =
      given ??
      (await vscode.window.showInputBox({
        title: "regscan: Sign in",
        prompt: `API token for ${this.apiUrl()} (stored in VS Code's secret storage)`,
        password: true,
        ignoreFocusOut: true,
        placeHolder: "rgs_…",
        validateInput: (v) => (v.trim() === "" ? "Paste the API token regscan issued." : null),
      }));
    if (!token) return null;
    const previous = this.token;
    this.token = token.trim();
    try {
      const signed = await this.establish(this.token, true);
      if (!signed) {
        this.token = previous;
        return null;
      }
      await this.context.secrets.store(TOKEN_KEY, this.token);
      this.log.info(`Signed in to ${this.apiUrl()} as ${signed.me.principal.name}, project ${signed.project.name}.`);
      return signed;
    } catch (error) {
      this.token = previous;
      const text = describeError(error);
      this.log.warn(`Sign-in failed: ${text}`);
      void vscode.window.showErrorMessage(`regscan: sign-in failed. ${text}`);
      return null;
    }
  }

  async signOut(): Promise<void> {
    await this.context.secrets.delete(TOKEN_KEY);
    this.token = undefined;
    await this.set(null);
    this.log.info("Signed out.");
  }

  /** "regscan: Select project". */
  async selectProject(): Promise<void> {
    if (!this.state || !this.token) {
      void vscode.window.showInformationMessage("regscan: sign in first.");
      return;
    }
    const me = this.state.me;
    const picked = await pickProject(me, me.projects);
    if (!picked) return;
    await this.context.globalState.update(PROJECT_KEY, picked.id);
    const configured = vscode.workspace.getConfiguration("regscan").get<string>("projectId", "");
    if (configured && configured !== picked.id) {
      await vscode.workspace
        .getConfiguration("regscan")
        .update("projectId", picked.id, vscode.ConfigurationTarget.Global);
    }
    await this.set({ ...this.state, projectId: picked.id, project: picked });
  }

  /** Settings changed (API URL or project): sign in again with the stored token. */
  async reload(): Promise<void> {
    if (!this.token) return this.set(null);
    try {
      await this.establish(this.token, false);
    } catch (error) {
      this.log.warn(`Could not use the token with the new settings: ${describeError(error)}`);
      await this.set(null);
    }
  }

  private async establish(token: string, interactive: boolean): Promise<SignedIn | null> {
    const api = this.client(token);
    const me = await api.me();
    const configured = vscode.workspace.getConfiguration("regscan").get<string>("projectId", "");
    const choice = chooseProject(me, configured, this.context.globalState.get<string>(PROJECT_KEY));
    let project: MeProject | undefined;
    if (choice.kind === "chosen") project = choice.project;
    else if (choice.kind === "ask") {
      project = interactive ? await pickProject(me, choice.projects) : choice.projects[0];
      if (project) await this.context.globalState.update(PROJECT_KEY, project.id);
    } else if (choice.kind === "missing") {
      throw new Error(`regscan.projectId is ${choice.projectId}, which this token cannot see.`);
    } else {
      throw new Error(`${messageFor("no_project").title} ${messageFor("no_project").check}`);
    }
    if (!project) return null;
    const signed: SignedIn = { api, projectId: project.id, me, project };
    await this.set(signed);
    return signed;
  }

  private async set(state: SignedIn | null): Promise<void> {
    this.state = state;
    await vscode.commands.executeCommand("setContext", "regscan.signedIn", state !== null);
    this.changed.fire(state);
  }

  dispose(): void {
    this.changed.dispose();
  }
}

async function pickProject(me: Me, projects: MeProject[]): Promise<MeProject | undefined> {
  const items = projects.map((p) => ({ label: projectLabel(me, p), description: p.id, project: p }));
  const picked = await vscode.window.showQuickPick(items, { title: "regscan: Select project", ignoreFocusOut: true });
  return picked?.project;
}

/** A user-facing sentence for an error (API problem or client failure). */
export function describeError(error: unknown): string {
  if (isApiError(error)) {
    const m = messageFor(error.code);
    return `${m.title} ${error.message} ${m.check}`.trim();
  }
  return error instanceof Error ? error.message : String(error);
}
