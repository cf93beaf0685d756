import type { Command } from "commander";
import type { CliIo } from "../cli-io.js";

/**
 * A regscan subcommand plug-in. `create` builds the commander Command (arguments, options,
 * `--help` text, action); listed in `commands/index.ts`. Actions throw DomainError for expected
 * failures; `runCli` turns them into a message and an exit code. Keep `create` light and
 * `await import()` heavy libraries (libSQL, CycloneDX) inside the action: every command is
 * created on each run, and the bundle turns dynamic imports into chunks loaded on demand.
 */
export interface CliCommand {
  readonly name: string;
  create(io: CliIo): Command;
}
