// Node entry point: `pnpm start` from the repository root.
import { serve } from "@hono/node-server";
import { bootstrap } from "@regscan/core";
import { createApp } from "./app.js";
import { buildNodeDeps } from "./build-node-deps.js";
import { loadConfig } from "./config.js";
import { createJsonLogger } from "./http/logger.js";

async function main() {
  const config = loadConfig(process.env);
  const logger = createJsonLogger();
  const { deps, runner, close } = await buildNodeDeps(config, logger);

  const boot = await bootstrap(deps.core, { tokenValue: config.REGSCAN_BOOTSTRAP_TOKEN });
  if (boot.created) logger.info("bootstrapped an empty database: organization and project `default`");
  if (boot.tokenValue) {
    // Printed once, on purpose: the operator needs it to log in. It is never logged again.
    process.stdout.write(`\nBootstrap owner token (shown once, store it now):\n\n  ${boot.tokenValue}\n\n`);
  }

  const app = createApp(deps);
  const server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, (info) => {
    logger.info("regscan API listening", {
      url: `http://${config.HOST}:${info.port}`,
      docs: `http://${config.HOST}:${info.port}/docs`,
    });
    runner.start();
  });
  const stop = () => {
    // Stop claiming scans and give running ones back to the queue, then exit.
    server.close(() => {
      close().then(
        () => process.exit(0),
        (error: unknown) => {
          console.error(error instanceof Error ? error.message : String(error));
          process.exit(1);
        },
      );
    });
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
