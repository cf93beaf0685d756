// Node entry point. bin/bundle.mjs bundles it into dist/regscan-api.mjs, which `pnpm start`
// (bin/start.mjs) runs in its own process: this process is the server and handles its signals.
import type { Server } from "node:http";
import { createAdaptorServer } from "@hono/node-server";
import { bootstrap, checkStoredSecrets, isDomainError } from "@regscan/core";
import { createApp } from "./app.js";
import { buildNodeDeps } from "./build-node-deps.js";
import { loadConfig } from "./config.js";
import { createJsonLogger, type Logger } from "./http/logger.js";
import { answerClientError } from "./node/client-error.js";

/** Exit codes of the API process. */
export const EXIT = {
  /** Stopped on SIGINT / SIGTERM after finishing in-flight requests. */
  ok: 0,
  /** Unexpected failure, or in-flight requests outlived the shutdown grace period. */
  failure: 1,
  /** Invalid configuration (an environment variable, the master key). */
  config: 2,
  /** The database or its data folder cannot be used (read-only, unreadable, locked, unreachable). */
  database: 3,
} as const;

/** How long a stop waits for in-flight requests before closing their connections. */
const SHUTDOWN_GRACE_MS = 10_000;

const SIGNAL_NUMBERS = { SIGINT: 2, SIGTERM: 15 } as const;

/** Stops on SIGINT / SIGTERM: no new connections, in-flight requests finish, database closed, exit 0. */
function stopOnSignals(server: Server, close: () => Promise<void>, logger: Logger): void {
  let stopping = false;
  const stop = (signal: keyof typeof SIGNAL_NUMBERS) => {
    if (stopping) {
      logger.warn("second signal: exiting without waiting", { signal });
      process.exit(128 + SIGNAL_NUMBERS[signal]);
    }
    stopping = true;
    logger.info("stopping: no new connections, finishing in-flight requests", { signal });
    server.close(async () => {
      await close();
      logger.info("stopped");
      process.exit(EXIT.ok);
    });
    // Keep-alive connections that go idle after their last response would hold `close` open.
    setInterval(() => server.closeIdleConnections(), 100).unref();
    setTimeout(() => {
      logger.error("in-flight requests did not finish in time: closing their connections", {
        graceMs: SHUTDOWN_GRACE_MS,
      });
      server.closeAllConnections();
      void close().finally(() => process.exit(EXIT.failure));
    }, SHUTDOWN_GRACE_MS).unref();
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  // One write per line, without console.log's formatting (a line per request adds up).
  const logger = createJsonLogger((line) => process.stdout.write(`${line}\n`));
  const { deps, runner, close, activeKeyId } = await buildNodeDeps(config, logger);

  const boot = await bootstrap(deps.core, { tokenValue: config.REGSCAN_BOOTSTRAP_TOKEN });
  if (boot.created) logger.info("bootstrapped an empty database: organization and project `default`");
  if (boot.restored) {
    logger.warn("no instance-admin token existed: restored one from REGSCAN_BOOTSTRAP_TOKEN (audit-logged)");
  }
  if (boot.adminMissing) {
    logger.warn("no instance-admin token exists", {
      hint: "Set REGSCAN_BOOTSTRAP_TOKEN and restart: the API then restores an instance-admin token with that value.",
    });
  }
  if (boot.tokenValue) {
    // Printed once, on purpose: the operator needs it to log in. It is never logged again.
    process.stdout.write(`\nBootstrap owner token (shown once, store it now):\n\n  ${boot.tokenValue}\n\n`);
  }

  const secrets = await checkStoredSecrets(deps.core);
  if (secrets.undecryptable > 0) {
    logger.error("stored secrets cannot be decrypted with the configured master keys", {
      credentials: secrets.undecryptable,
      sealedWith: secrets.undecryptableKeyIds,
      activeKeyId,
      hint: "Was REGSCAN_MASTER_KEY changed? Add the key that sealed them to REGSCAN_PREVIOUS_MASTER_KEYS; a credential that stays undecryptable needs its secret stored again (PUT …/secret).",
    });
  }
  if (secrets.onPreviousKeys > 0) {
    logger.warn("stored secrets are sealed with a previous master key", {
      credentials: secrets.onPreviousKeys,
      hint: "POST /v1/admin/reencrypt moves them to the active key.",
    });
  }

  const app = createApp(deps);
  const server = createAdaptorServer({ fetch: app.fetch, hostname: config.HOST }) as Server;
  server.on("clientError", answerClientError);
  server.on("error", (error: NodeJS.ErrnoException) => {
    const why = error.code === "EADDRINUSE" ? `port ${config.PORT} is already in use` : error.message;
    process.stderr.write(`regscan API cannot listen on ${config.HOST}:${config.PORT}: ${why}\n`);
    void close().finally(() => process.exit(EXIT.failure));
  });
  stopOnSignals(server, close, logger);
  server.listen(config.PORT, config.HOST, () => {
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : config.PORT;
    logger.info("regscan API listening", {
      url: `http://${config.HOST}:${port}`,
      docs: `http://${config.HOST}:${port}/docs`,
      ready: `http://${config.HOST}:${port}/v1/ready`,
    });
    // Scans start once the API serves; a stop gives running ones back to the queue (see close).
    runner.start();
  });
}

/** The exit code and one-line message for a start that failed (never a stack trace). */
function startFailure(error: unknown): { code: number; message: string } {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof Error && error.name === "ConfigError") return { code: EXIT.config, message };
  if (isDomainError(error)) {
    if (error.code === "service_unavailable") return { code: EXIT.database, message };
    if (error.code === "validation_failed" || error.code === "conflict") return { code: EXIT.config, message };
  }
  return { code: EXIT.failure, message };
}

main().catch((error: unknown) => {
  const { code, message } = startFailure(error);
  process.stderr.write(`regscan API cannot start: ${message}\n`);
  process.exit(code);
});
