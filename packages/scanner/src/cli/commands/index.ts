import type { CliCommand } from "./cli-command.js";
import { dbCommand } from "./db.js";
import { sbomCommand } from "./sbom.js";
import { scanCommand } from "./scan.js";

export type { CliCommand } from "./cli-command.js";

/** Every regscan subcommand, in `--help` order. Add new commands here. */
export const commands: readonly CliCommand[] = [sbomCommand, scanCommand, dbCommand];
