/**
 * The regscan CLI: commander program over the command plug-ins, with the exit-code contract
 * (0 ok, 2 usage, 3 image could not be read, 1 anything else) and errors as one clear line.
 */

import { isDomainError } from "@regscan/core";
import { Command, CommanderError } from "commander";
import type { CliIo } from "./cli-io.js";
import { commands } from "./commands/index.js";
import { EXIT, exitCodeFor, requestedExitCode } from "./exit-codes.js";
import { CLI_VERSION } from "./version.js";

/** Runs regscan with `args` (without "node regscan") and returns the exit code. */
export async function runCli(args: readonly string[], io: CliIo): Promise<number> {
  const program = new Command("regscan")
    .description("inventory and scan container images (registry, OCI layout, docker-archive)")
    .version(CLI_VERSION, "-V, --version")
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    })
    .showHelpAfterError("(run with --help for usage)");
  try {
    // Load only the command being run; every command for help and unknown commands.
    const named = commands.filter((c) => c.name === args[0]);
    for (const entry of named.length > 0 ? named : commands) {
      const command = (await entry.load()).create(io);
      command.copyInheritedSettings(program);
      program.addCommand(command);
    }
    await program.parseAsync([...args], { from: "user" });
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.code === "commander.helpDisplayed" || error.code === "commander.version" ? EXIT.ok : EXIT.usage;
    }
    const requested = requestedExitCode(error);
    if (requested !== null) {
      io.stderr.write(`regscan: ${(error as Error).message}\n`);
      return requested;
    }
    io.stderr.write(`regscan: ${describe(error)}\n`);
    return exitCodeFor(error);
  }
}

function describe(error: unknown): string {
  if (isDomainError(error)) return `${error.message} [${error.code}]`;
  const message = error instanceof Error ? error.message : String(error);
  return `unexpected error: ${message}`;
}
