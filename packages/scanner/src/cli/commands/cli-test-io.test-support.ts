import { writeFile } from "node:fs/promises";
import type { CliIo } from "../cli-io.js";

// Test support: an in-memory CliIo that records what a command writes.

export interface RecordingIo extends CliIo {
  out(): string;
  err(): string;
}

export function recordingIo(env: Record<string, string | undefined>, tty = false): RecordingIo {
  let out = "";
  let err = "";
  return {
    stdout: { write: (s) => void (out += s), isTTY: tty },
    stderr: { write: (s) => void (err += s), isTTY: tty },
    env,
    writeFile: (path, contents) => writeFile(path, contents),
    out: () => out,
    err: () => err,
  };
}
