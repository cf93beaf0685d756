import type { CliCommand } from "./cli-command.js";

export type { CliCommand } from "./cli-command.js";

/** A command as registered: its name, and how to load it (only the command being run is loaded). */
export interface CommandEntry {
  readonly name: string;
  load(): Promise<CliCommand>;
}

/**
 * Every regscan subcommand, in `--help` order. Add new commands here. Loading is lazy so that
 * `regscan sbom` does not pay for the libraries `scan` and `db` need (libSQL, CycloneDX).
 */
export const commands: readonly CommandEntry[] = [
  { name: "sbom", load: async () => (await import("./sbom.js")).sbomCommand },
  { name: "scan", load: async () => (await import("./scan.js")).scanCommand },
  { name: "db", load: async () => (await import("./db.js")).dbCommand },
];
