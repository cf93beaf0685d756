/**
 * What a CLI command may touch of the outside world, passed in explicitly so tests can run
 * commands in-process with fake streams and environment.
 */

export interface CliOutput {
  write(text: string): void;
  /** True when a person is looking (a terminal): progress is shown only then. */
  readonly isTTY?: boolean;
}

export interface CliIo {
  stdout: CliOutput;
  stderr: CliOutput;
  /** The process environment (read only here, in the CLI: nothing below reads env). */
  env: Record<string, string | undefined>;
  /** Writes a file (for `--output`). */
  writeFile(path: string, contents: string): Promise<void>;
}
