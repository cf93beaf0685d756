import type { Command } from "commander";
import type { CliIo } from "../cli-io.js";

/**
 * A regscan subcommand plug-in. `create` builds the commander Command (arguments, options,
 * `--help` text, action); listed in `commands/index.ts`. Actions throw DomainError for expected
 * failures; `runCli` turns them into a message and an exit code.
 */
export interface CliCommand {
  readonly name: string;
  create(io: CliIo): Command;
}
