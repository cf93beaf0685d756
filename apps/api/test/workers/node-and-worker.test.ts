/**
 * Node and Worker answer the same requests with the same status codes and bodies: the shared table
 * (test/support/shared-requests.ts) against the Node entry (`pnpm start`, started by the setup) and
 * the Worker's fetch handler, each on a fresh database bootstrapped on its first request.
 */
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import worker from "../../src/worker.js";
import { runSharedRequests, SHARED_REQUESTS } from "../support/shared-requests.js";
import { workerEnv, world } from "./worker-client.js";
import { BOOTSTRAP_TOKEN } from "./worker-world.js";

describe.skipIf(!world.available)(`Node and Worker ${world.skipReason}`, () => {
  it("answer the shared table of requests identically", async () => {
    const options = { bootstrapToken: BOOTSTRAP_TOKEN, vars: { secretKey: world.registryPassword } };
    const onNode = await runSharedRequests((request) => fetch(request), { ...options, origin: world.nodeApiUrl });
    const env = workerEnv({ REGSCAN_DB_URL: world.tableDbUrl });
    const onWorker = await runSharedRequests(
      async (request) => {
        const ctx = createExecutionContext();
        const response = await worker.fetch(request, env, ctx);
        await waitOnExecutionContext(ctx);
        return response;
      },
      { ...options, origin: "https://regscan.example" },
    );
    expect(onNode.map((a) => [a.name, a.status])).toEqual(SHARED_REQUESTS.map((r) => [r.name, r.status]));
    expect(onWorker).toEqual(onNode);
  });
});
