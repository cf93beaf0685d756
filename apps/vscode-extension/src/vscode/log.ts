import * as vscode from "vscode";
import { redact } from "../session/redact.js";

/** The "regscan" output channel (log level per VS Code). Every line is redacted of the token. */
export class Log {
  readonly channel: vscode.LogOutputChannel;
  private secrets: () => Array<string | undefined> = () => [];

  constructor() {
    this.channel = vscode.window.createOutputChannel("regscan", { log: true });
  }

  /** Which values never reach a line (the current token). */
  redacting(secrets: () => Array<string | undefined>): void {
    this.secrets = secrets;
  }

  trace(message: string): void {
    this.channel.trace(redact(message, this.secrets()));
  }
  debug(message: string): void {
    this.channel.debug(redact(message, this.secrets()));
  }
  info(message: string): void {
    this.channel.info(redact(message, this.secrets()));
  }
  warn(message: string): void {
    this.channel.warn(redact(message, this.secrets()));
  }
  error(message: string, error?: unknown): void {
    const detail = error instanceof Error ? `: ${error.name}: ${error.message}` : error ? `: ${String(error)}` : "";
    this.channel.error(redact(`${message}${detail}`, this.secrets()));
  }

  dispose(): void {
    this.channel.dispose();
  }
}
