/** Node entry of the regscan CLI: real process streams, environment and file system. */

import { writeFile } from "node:fs/promises";
import { runCli } from "./run-cli.js";

const code = await runCli(process.argv.slice(2), {
  stdout: { write: (s) => void process.stdout.write(s), isTTY: process.stdout.isTTY === true },
  stderr: { write: (s) => void process.stderr.write(s), isTTY: process.stderr.isTTY === true },
  env: process.env,
  writeFile: (path, contents) => writeFile(path, contents),
});
process.exitCode = code;
