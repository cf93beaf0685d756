import { readFileSync, statSync, writeFileSync } from "node:fs";
import { createServer, Socket as NetSocket, type Server, type Socket } from "node:net";
import { resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { credentialBody, defaultOrg } from "./support/fixtures.js";
import { START_SCRIPT, startApi, type TestApi } from "./support/start-api.js";

const DIST = resolve(import.meta.dirname, "../dist");

/** Resolves true when something accepts connections on 127.0.0.1:port. */
function accepting(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = new NetSocket();
    socket.once("connect", () => (socket.destroy(), done(true)));
    socket.once("error", () => done(false));
    socket.connect(port, "127.0.0.1");
  });
}

/** Resolves when a server could listen on 127.0.0.1:port (so nothing holds it), then frees it again. */
function canListen(port: number): Promise<boolean> {
  return new Promise((done) => {
    const server = createServer();
    server.once("error", () => done(false));
    server.listen(port, "127.0.0.1", () => server.close(() => done(true)));
  });
}

/** A Scaleway stand-in that accepts connections and never answers: requests to it stay in flight. */
async function hangingUpstream(): Promise<{ url: string; close: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((s) => void sockets.add(s));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

/** The ids of the processes whose parent is `pid` (Linux /proc). */
function childrenOf(pid: number): string[] {
  return readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean);
}

describe("the process `pnpm start` starts", () => {
  let upstream: Awaited<ReturnType<typeof hangingUpstream>>;
  beforeAll(async () => {
    upstream = await hangingUpstream();
  });
  afterAll(() => upstream.close());

  const start = () =>
    startApi({ env: { REGSCAN_SCALEWAY_API_URL: upstream.url, REGSCAN_SCALEWAY_TIMEOUT_SECONDS: "2" } });

  /** Starts a request that stays in flight for ~2 s (credential verification against the hung upstream). */
  async function inFlight(api: TestApi) {
    const { orgId } = await defaultOrg(api);
    const pending = api.request("POST", `/v1/orgs/${orgId}/credentials`, { body: credentialBody() });
    pending.catch(() => undefined); // observed by the test
    await new Promise((r) => setTimeout(r, 300));
    return { pending };
  }

  it("is one Node process running the bundle (no TypeScript loader, no child process)", async () => {
    const api = await start();
    try {
      const pid = api.child.pid!;
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
      expect(cmdline).toEqual([process.execPath, START_SCRIPT, ""]);
      expect(cmdline.join(" ")).not.toMatch(/tsx/);
      expect(childrenOf(pid)).toEqual([]);
      expect(readFileSync(`/proc/${pid}/maps`, "utf8")).not.toMatch(/tsx|esbuild/);
    } finally {
      await api.cleanup();
    }
  }, 30_000);

  it("frees its port when it is killed with SIGKILL (nothing left behind holds it)", async () => {
    const api = await start();
    try {
      expect(await accepting(api.port)).toBe(true);
      api.child.kill("SIGKILL");
      await api.stop();
      expect(await accepting(api.port)).toBe(false);
      expect(await canListen(api.port)).toBe(true);
    } finally {
      await api.cleanup();
    }
  }, 30_000);

  it("on SIGTERM stops accepting, finishes the in-flight request, closes the database and exits 0", async () => {
    const api = await start();
    try {
      const { pending } = await inFlight(api);
      api.child.kill("SIGTERM");
      await new Promise((r) => setTimeout(r, 300));
      expect(api.logged(/^stopping/)).toHaveLength(1);
      expect(await accepting(api.port)).toBe(false);
      const answered = await pending;
      expect(answered.status).toBe(502);
      expect(answered.body.code).toBe("upstream_unavailable");
      expect(await api.stop()).toBe(0);
      expect(api.logged("stopped")).toHaveLength(1);
      // Closed: the WAL was checkpointed into the database file.
      const wal = `${api.dbUrl.slice("file:".length)}-wal`;
      expect(statSync(wal, { throwIfNoEntry: false })?.size ?? 0).toBe(0);
    } finally {
      await api.cleanup();
    }
  }, 30_000);

  it("exits at once on a second signal, without waiting for the in-flight request", async () => {
    const api = await start();
    try {
      const { pending } = await inFlight(api);
      api.child.kill("SIGINT");
      await new Promise((r) => setTimeout(r, 200));
      const sent = Date.now();
      api.child.kill("SIGINT");
      expect(await api.stop()).toBe(130);
      expect(Date.now() - sent).toBeLessThan(1000);
      await expect(pending).rejects.toThrow(); // the connection was cut, not answered
    } finally {
      await api.cleanup();
    }
  }, 30_000);

  it("rebuilds the bundle when a source is newer than the last build", async () => {
    const record = resolve(DIST, "regscan-api.inputs.json");
    const inputs = JSON.parse(readFileSync(record, "utf8"));
    expect(inputs.inputs).toContain(resolve(import.meta.dirname, "../src/node.ts"));
    // As if every source had changed after the last build.
    writeFileSync(record, JSON.stringify({ ...inputs, builtFrom: 0 }));
    const before = statSync(resolve(DIST, "regscan-api.mjs")).mtimeMs;
    const api = await start();
    try {
      expect(JSON.parse(readFileSync(record, "utf8")).builtFrom).toBeGreaterThan(0);
      expect(statSync(resolve(DIST, "regscan-api.mjs")).mtimeMs).toBeGreaterThan(before);
      expect((await api.request("GET", "/v1/health", { token: null })).status).toBe(200);
    } finally {
      await api.cleanup();
    }
  }, 30_000);
});
