#!/usr/bin/env node
// `pnpm start`: runs the bundled Node API (dist/regscan-api.mjs) in THIS process, rebuilding it
// first when a source is newer (under a second). No TypeScript loader, no child process: a signal
// sent to this process reaches the server itself, and killing it frees the port.
import { pathToFileURL } from "node:url";
import { BUNDLE, ensureBundle } from "./bundle.mjs";

await ensureBundle();
await import(pathToFileURL(BUNDLE).href);
