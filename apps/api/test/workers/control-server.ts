/**
 * Test support (Node): what the tests inside workerd cannot do themselves, over HTTP on 127.0.0.1:
 * switch a database outage on, measure the memory of the workerd process that calls, look for a
 * secret in the database files, count the fake Scaleway API's requests.
 */
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import type { FakeScaleway } from "@regscan/scaleway-adapter/testing";
import type { HranaServer } from "@regscan/storage/testing";
import { peerProcess, sampleMemory } from "./process-memory.js";

async function json(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return chunks.length === 0 ? {} : JSON.parse(Buffer.concat(chunks).toString());
}

function fileContains(path: string, needle: Buffer): boolean {
  for (const file of [path, `${path}-wal`]) {
    try {
      if (readFileSync(file).includes(needle)) return true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
    }
  }
  return false;
}

export async function startControlServer(world: { hrana: HranaServer; dbPath: string; scaleway: FakeScaleway }) {
  let sampler: ReturnType<typeof sampleMemory> | undefined;
  const server = createServer((req, res) => {
    const reply = (status: number, body: unknown) =>
      res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
    (async () => {
      const url = new URL(req.url ?? "/", "http://control");
      if (req.method === "POST" && url.pathname === "/outage") {
        const body = await json(req);
        world.hrana.outageOn(new RegExp(String(body.pattern)), Number(body.durationMs));
        return reply(200, { ok: true });
      }
      if (req.method === "POST" && url.pathname === "/memory/start") {
        const pid = peerProcess(req.socket.remotePort ?? 0, (server.address() as AddressInfo).port);
        if (pid === undefined) return reply(500, { error: "the calling process was not found" });
        sampler = sampleMemory(pid);
        return reply(200, { pid });
      }
      if (req.method === "POST" && url.pathname === "/memory/stop") {
        if (!sampler) return reply(409, { error: "not sampling" });
        const result = sampler.stop();
        sampler = undefined;
        return reply(200, result);
      }
      if (req.method === "GET" && url.pathname === "/db/contains") {
        return reply(200, { found: fileContains(world.dbPath, Buffer.from(url.searchParams.get("text") ?? "")) });
      }
      if (req.method === "GET" && url.pathname === "/scaleway/requests") {
        return reply(200, { count: world.scaleway.requests.length });
      }
      return reply(404, { error: `no control route ${req.method} ${url.pathname}` });
    })().catch((error: unknown) => reply(500, { error: String(error) }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        sampler?.stop();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
